/**
 * Playground sessions (production): who may open the IDE, and the cookie that remembers them.
 *
 * A user pastes a bearer token into the sign-in page; the gateway verifies it with the verifier it
 * uses for API requests and, for an ADMIN or ANALYST, keeps it in an HttpOnly, SameSite=Strict
 * cookie scoped to the endpoint's path. Each page load verifies the cookie again, so an expired token
 * (or one signed by a retired key) ends the session, and prefills the token in the IDE's headers editor.
 *
 * The cookie only opens the IDE page. The GraphQL endpoint (HTTP and WebSocket) never
 * authenticates from it, only from the `Authorization` header / `connectionParams`, which a
 * cross-site page cannot set: so the cookie gives a forged cross-site request nothing (no CSRF).
 */
import { principalFromHeader, ServiceUnavailableError, UnauthenticatedError, type Logger, type Principal, type TokenSettings } from '@crm/kernel';
import type { CookieOptions, Request, Response } from 'express';
import { INTROSPECTING_ROLES } from '../limits/introspection-gate';

export interface PlaygroundSignIn {
  /** The gateway's own token settings: a session token is verified exactly like an API request's. */
  tokens: TokenSettings;
  /**
   * Mark the cookie `Secure`, so browsers send it only over https (and to http://localhost).
   * Default true; turn off only to try production mode over plain http on another host.
   */
  secureCookie?: boolean;
  /** Where sign-ins and refused roles are logged (user id and role, never the token). Default: not logged. */
  logger?: Logger;
}

/** Name of the session cookie. Not `__Host-`: that prefix demands `Path=/`, and the cookie is scoped to the endpoint. */
export const SESSION_COOKIE = 'crm_playground';

/** Sign-in form target, relative to the endpoint: `POST /graphql/playground-session`. */
export const SESSION_PATH = '/playground-session';

/** Largest accepted sign-in form body; identity-provider JWTs are a few kB at most. */
export const SESSION_FORM_LIMIT = '16kb';

/** Browsers drop cookies over ~4 kB (name, value and attributes together); refuse instead of looping. */
const MAX_COOKIE_TOKEN_LENGTH = 3800;

export type SessionCheck =
  | { ok: true; token: string; principal: Principal }
  | { ok: false; status: 400 | 401 | 403 | 503; message: string };

/**
 * Verifies a pasted (or remembered) token and checks its role. Accepts the bare token or
 * `Bearer <token>`; whitespace is dropped because pasted tokens often wrap across lines.
 */
export async function checkPlaygroundToken(input: string, tokens: TokenSettings): Promise<SessionCheck> {
  const token = input.trim().replace(/^Bearer\s+/i, '').replace(/\s+/g, '');
  if (!token) return { ok: false, status: 400, message: 'Paste a bearer token to sign in.' };
  let principal: Principal;
  try {
    principal = await principalFromHeader(`Bearer ${token}`, tokens);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return { ok: false, status: 401, message: `${error.message}.` };
    if (error instanceof ServiceUnavailableError) return { ok: false, status: 503, message: error.message };
    throw error;
  }
  if (!INTROSPECTING_ROLES.includes(principal.role)) {
    return {
      ok: false,
      status: 403,
      message: `In production the playground is for ${INTROSPECTING_ROLES.join(' and ')} users; this token is for a ${principal.role} user.`,
    };
  }
  if (token.length > MAX_COOKIE_TOKEN_LENGTH) {
    return { ok: false, status: 400, message: `That token is too long to keep in a cookie (${token.length} characters, at most ${MAX_COOKIE_TOKEN_LENGTH}).` };
  }
  return { ok: true, token, principal };
}

/** The session token from the request's `Cookie` header, or undefined. */
export function readSessionCookie(req: Request): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value) || undefined;
    } catch {
      return undefined; // not ours to repair: the sign-in page replaces it
    }
  }
  return undefined;
}

function cookieOptions(path: string, signIn: PlaygroundSignIn): CookieOptions {
  // No Max-Age: a browser-session cookie. The token's own `exp` bounds it, checked on every page load.
  return { path, httpOnly: true, sameSite: 'strict', secure: signIn.secureCookie ?? true };
}

export function setSessionCookie(res: Response, token: string, path: string, signIn: PlaygroundSignIn): void {
  res.cookie(SESSION_COOKIE, token, cookieOptions(path, signIn));
}

export function clearSessionCookie(res: Response, path: string, signIn: PlaygroundSignIn): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(path, signIn));
}

/**
 * A sign-in posted from another site (login CSRF: signing the victim in as the attacker) is
 * refused. Browsers that send `Sec-Fetch-Site` say where the form was; older ones send nothing
 * and are let through (SameSite=Strict already keeps the cookie out of cross-site navigations).
 */
export function isCrossSiteForm(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
