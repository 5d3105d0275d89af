import { SignJWT } from 'jose';
import { UserRole } from './principal';
import { principalFromHeader, signToken, verifyToken } from './tokens';

const settings = { secret: 'a-test-secret-that-is-long-enough-for-hs256', issuer: 'crm', audience: 'crm-api' };
const principal = { userId: '6f1c1f9e-2f0b-4c8e-9d55-1d0c8a6b2f10', email: 'rep@crm.example', role: UserRole.REP, teamId: null };

describe('bearer tokens', () => {
  it('verify to the principal they were signed for', async () => {
    expect(await verifyToken(await signToken(principal, settings), settings)).toEqual(principal);
  });

  it('are refused when expired, for another audience or issuer, or signed with another key', async () => {
    const cases = [
      signToken(principal, settings, '-1s'),
      signToken(principal, { ...settings, audience: 'other' }),
      signToken(principal, { ...settings, issuer: 'other' }),
      signToken(principal, { ...settings, secret: 'another-secret-another-secret-another' }),
    ];
    for (const token of await Promise.all(cases)) {
      await expect(verifyToken(token, settings)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('are refused once expired, even after being accepted (a verified token is trusted only until its exp)', async () => {
    const token = await signToken(principal, settings, '2s');
    expect(await verifyToken(token, settings)).toEqual(principal);
    expect(await verifyToken(token, settings)).toEqual(principal);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(verifyToken(token, settings)).rejects.toMatchObject({ message: 'The bearer token has expired' });
  });

  it('are checked against the settings they are verified with, not those another caller used', async () => {
    const token = await signToken(principal, settings);
    expect(await verifyToken(token, settings)).toEqual(principal);
    await expect(verifyToken(token, { ...settings, secret: 'another-secret-another-secret-another' })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuse alg none and unknown roles', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: principal.userId, role: 'REP', email: 'x', iss: 'crm', aud: 'crm-api' })).toString('base64url');
    await expect(verifyToken(`${header}.${body}.`, settings)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const godToken = await new SignJWT({ role: 'GOD', email: 'x@y.z' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('crm')
      .setAudience('crm-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(settings.secret));
    await expect(verifyToken(godToken, settings)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('must arrive as "Authorization: Bearer <token>"', async () => {
    await expect(principalFromHeader(undefined, settings)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(principalFromHeader('Basic abc', settings)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(await principalFromHeader(`Bearer ${await signToken(principal, settings)}`, settings)).toEqual(principal);
  });
});
