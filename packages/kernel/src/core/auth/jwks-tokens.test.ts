import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { readConfig } from '../config/base-config';
import { UserRole } from './principal';
import { tokenSettings } from './token-settings';
import { principalFromHeader, signToken, verifyToken, type TokenSettings } from './tokens';

const principal = { userId: '6f1c1f9e-2f0b-4c8e-9d55-1d0c8a6b2f10', email: 'rep@crm.example', role: UserRole.REP, teamId: null };
const config = { JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256', JWT_ISSUER: 'crm', JWT_AUDIENCE: 'crm-api' };
const unauthenticated = { extensions: { code: 'UNAUTHENTICATED' } };
const refusedBecause = (reason: RegExp) => ({ ...unauthenticated, message: expect.stringMatching(reason) });

interface SigningKey {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: KeyLike;
}

async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey & { publicJwk: Record<string, unknown> }> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A token as an identity provider would issue it; every claim can be overridden. */
function providerToken(key: SigningKey, claims: { iss?: string; aud?: string; exp?: string | number; nbf?: string | number; kid?: string } = {}): Promise<string> {
  const jwt = new SignJWT({ email: principal.email, role: principal.role })
    .setProtectedHeader({ alg: key.alg, kid: claims.kid ?? key.kid, typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(claims.iss ?? 'crm')
    .setAudience(claims.aud ?? 'crm-api')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '1h');
  if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
  return jwt.sign(key.privateKey);
}

describe('bearer tokens verified against a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let settings: TokenSettings;
  let rsa: SigningKey;
  let ec: SigningKey;
  let stranger: SigningKey;
  let requests = 0;

  beforeAll(async () => {
    const [rsaKey, ecKey, strangerKey] = await Promise.all([signingKey('RS256', 'rsa-1'), signingKey('ES256', 'ec-1'), signingKey('RS256', 'rsa-1')]);
    [rsa, ec, stranger] = [rsaKey, ecKey, strangerKey];
    const body = JSON.stringify({ keys: [rsaKey.publicJwk, ecKey.publicJwk] });
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    settings = tokenSettings({ ...config, JWKS_URL: jwksUrl });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('accepts RS256 and ES256 tokens signed by a key of the set', async () => {
    expect(await verifyToken(await providerToken(rsa), settings)).toEqual(principal);
    expect(await verifyToken(await providerToken(ec), settings)).toEqual(principal);
    expect(await principalFromHeader(`Bearer ${await providerToken(ec)}`, settings)).toEqual(principal);
    expect(requests).toBeGreaterThanOrEqual(1);
  });

  it('refuses a token whose kid is not in the set', async () => {
    const token = await providerToken(rsa, { kid: 'rotated-away' });
    await expect(verifyToken(token, settings)).rejects.toMatchObject(refusedBecause(/unknown key/));
  });

  it('refuses a token signed by another key under a known kid', async () => {
    await expect(verifyToken(await providerToken(stranger), settings)).rejects.toMatchObject(refusedBecause(/SIGNATURE_VERIFICATION_FAILED/));
  });

  it('refuses alg none and HS256, even when signed with the configured JWT_SECRET', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'rsa-1' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: principal.userId, role: 'REP', email: 'x', iss: 'crm', aud: 'crm-api', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    await expect(verifyToken(`${header}.${body}.`, settings)).rejects.toMatchObject(refusedBecause(/ALG_NOT_ALLOWED/));
    const hs256 = await signToken(principal, settings);
    await expect(verifyToken(hs256, settings)).rejects.toMatchObject(refusedBecause(/ALG_NOT_ALLOWED/));
  });

  it('refuses expired tokens, tokens not valid yet, and tokens for another issuer or audience', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[Promise<string>, RegExp]> = [
      [providerToken(rsa, { exp: now - 60 }), /expired/],
      [providerToken(ec, { nbf: now + 600 }), /CLAIM_VALIDATION_FAILED/],
      [providerToken(rsa, { iss: 'someone-else' }), /CLAIM_VALIDATION_FAILED/],
      [providerToken(ec, { aud: 'another-api' }), /CLAIM_VALIDATION_FAILED/],
    ];
    for (const [token, reason] of cases) {
      await expect(verifyToken(await token, settings)).rejects.toMatchObject(refusedBecause(reason));
    }
  });

  it('answers SERVICE_UNAVAILABLE, retryable, when the key set cannot be fetched', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = tokenSettings({ ...config, JWKS_URL: `http://127.0.0.1:${port}/jwks.json` });
    await expect(verifyToken(await providerToken(rsa), unreachable)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
  });
});

describe('token settings from config', () => {
  it('verify HS256 with the secret when JWKS_URL is empty, and refuse RS256 there', async () => {
    const settings = tokenSettings({ ...config, JWKS_URL: '' });
    expect(settings.jwks).toBeUndefined();
    expect(await verifyToken(await signToken(principal, settings), settings)).toEqual(principal);
    const rsa = await signingKey('RS256', 'rsa-1');
    await expect(verifyToken(await providerToken(rsa), settings)).rejects.toMatchObject(refusedBecause(/ALG_NOT_ALLOWED/));
  });

  it('read JWKS_URL as an http(s) URL, and accept it instead of JWT_SECRET in production', () => {
    expect(() => readConfig({ JWKS_URL: 'ftp://idp.example/jwks' }, {})).toThrow(/JWKS_URL: must be an http\(s\) URL/);
    expect(readConfig({}, {}).JWKS_URL).toBe('');
    const production = { NODE_ENV: 'production', GATEWAY_SIGNING_SECRET: 'g' };
    expect(() => readConfig(production, {})).toThrow(/JWT_SECRET: must be set/);
    expect(readConfig({ ...production, JWKS_URL: 'https://idp.example/.well-known/jwks.json' }, {}).JWKS_URL).toBe('https://idp.example/.well-known/jwks.json');
  });
});
