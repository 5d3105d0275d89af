import { SignJWT, decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ServiceUnavailableError } from '../errors/service-unavailable.error';
import { UnauthenticatedError } from '../errors/unauthenticated.error';
import { UserRole, type Principal } from './principal';

/**
 * How bearer tokens are checked. Exactly one verification mode is active:
 * - `jwks` set: only RS256/ES256 tokens whose `kid` is in that key set are accepted; the secret is
 *   never used for verification, so a leaked or default HS256 secret cannot mint accepted tokens;
 * - `jwks` unset: only HS256 tokens signed with `secret`.
 */
export interface TokenSettings {
  /** HS256 shared secret: verifies tokens when `jwks` is unset, and always signs `signToken`'s (development) tokens. */
  secret: string;
  issuer: string;
  audience: string;
  /** Public keys of the identity provider, e.g. `createRemoteJWKSet(new URL(JWKS_URL))`. Default: none (HS256 mode). */
  jwks?: JWTVerifyGetKey;
}

/** Algorithms accepted in JWKS mode; HS256 (and `none`) are refused there before any key is looked up. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256'];

const ROLES = new Set<string>(Object.values(UserRole));

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Issues an HS256 token for `principal` (development and tests; production tokens come from the identity provider). Default lifetime 12 hours. */
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

/**
 * Wraps the key set so that failing to fetch it (identity provider down, timeout, not JSON) is
 * SERVICE_UNAVAILABLE, retryable, rather than blaming the caller's token. A token whose `kid`
 * matches no key stays UNAUTHENTICATED.
 */
function keySetLookup(jwks: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      const tokenProblem =
        error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys || error instanceof joseErrors.JOSENotSupported;
      if (tokenProblem) throw error;
      throw new ServiceUnavailableError('The keys that verify bearer tokens could not be fetched; retry shortly');
    }
  };
}

/** How long a verified token is taken on trust before it is verified again (a JWKS key withdrawn meanwhile counts after at most this). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Tokens verified lately, per settings: every request of a client carries the same token, and the
 * gateway and each subgraph would otherwise check its signature again on every one of them. An entry
 * lasts until the token expires or for `VERIFIED_TOKEN_TTL_MS`, whichever comes first; the oldest
 * entries go first when it is full. Only accepted tokens are kept.
 */
const verified = new WeakMap<TokenSettings, Map<string, { principal: Principal; until: number }>>();

/** Verifies signature, algorithm, `exp`, `nbf`, `iss` and `aud`; any failure is UNAUTHENTICATED. */
export async function verifyToken(token: string, settings: TokenSettings): Promise<Principal> {
  let cache = verified.get(settings);
  if (!cache) verified.set(settings, (cache = new Map()));
  const now = Date.now();
  const known = cache.get(token);
  if (known && known.until > now) return known.principal;
  if (known) cache.delete(token);
  const { principal, exp } = await verifySignedToken(token, settings);
  if (cache.size >= VERIFIED_TOKENS_MAX) cache.delete(cache.keys().next().value!);
  cache.set(token, { principal, until: Math.min(now + VERIFIED_TOKEN_TTL_MS, exp === undefined ? Infinity : exp * 1000) });
  return principal;
}

/** The principal of a token whose signature and claims check out, with its `exp` (seconds), if any. */
async function verifySignedToken(token: string, settings: TokenSettings): Promise<{ principal: Principal; exp: number | undefined }> {
  try {
    const options = { issuer: settings.issuer, audience: settings.audience };
    const { payload } = settings.jwks
      ? await jwtVerify(token, keySetLookup(settings.jwks), { ...options, algorithms: JWKS_ALGORITHMS })
      : await jwtVerify(token, key(settings.secret), { ...options, algorithms: ['HS256'] });
    const role = String(payload.role ?? '');
    if (!payload.sub || !ROLES.has(role) || typeof payload.email !== 'string') {
      throw new UnauthenticatedError('The bearer token lacks sub, email or a known role');
    }
    const principal = { userId: payload.sub, email: payload.email, role: role as UserRole, teamId: typeof payload.teamId === 'string' ? payload.teamId : null };
    return { principal, exp: payload.exp };
  } catch (error) {
    if (error instanceof UnauthenticatedError || error instanceof ServiceUnavailableError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The bearer token has expired');
    if (error instanceof joseErrors.JWKSNoMatchingKey) throw new UnauthenticatedError('The bearer token was signed with an unknown key (kid)');
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

/** When the bearer token in `header` expires, or null when it does not; read only after `principalFromHeader` accepted it. */
export function tokenExpiresAt(header: string): Date | null {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const exp = token ? decodeJwt(token).exp : undefined;
  return exp === undefined ? null : new Date(exp * 1000);
}
