import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { UnauthenticatedError } from '../errors/unauthenticated.error';
import { UserRole, type Principal } from './principal';

export interface TokenSettings {
  /** HS256 shared secret. */
  secret: string;
  issuer: string;
  audience: string;
}

const ROLES = new Set<string>(Object.values(UserRole));

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Issues a token for `principal`. Default lifetime 12 hours. */
export async function signToken(principal: Principal, settings: TokenSettings, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ email: principal.email, role: principal.role, teamId: principal.teamId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(settings.secret));
}

/** Verifies signature, algorithm, `exp`, `nbf`, `iss` and `aud`; any failure is UNAUTHENTICATED. */
export async function verifyToken(token: string, settings: TokenSettings): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, key(settings.secret), {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
    });
    const role = String(payload.role ?? '');
    if (!payload.sub || !ROLES.has(role) || typeof payload.email !== 'string') {
      throw new UnauthenticatedError('The bearer token lacks sub, email or a known role');
    }
    return {
      userId: payload.sub,
      email: payload.email,
      role: role as UserRole,
      teamId: typeof payload.teamId === 'string' ? payload.teamId : null,
    };
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The bearer token has expired');
    if (error instanceof joseErrors.JOSEError) {
      throw new UnauthenticatedError(`The bearer token was refused: ${error.code}`);
    }
    throw new UnauthenticatedError('The bearer token is malformed');
  }
}

/** Reads `Authorization: Bearer <token>`; a missing or non-bearer header is UNAUTHENTICATED. */
export async function principalFromHeader(header: string | undefined, settings: TokenSettings): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new UnauthenticatedError();
  return verifyToken(match[1], settings);
}
