/** A bearer token, or a function returning the current one (called per request and per (re)connect, so tokens can rotate). */
export type TokenSource = string | (() => string | Promise<string>);

/** The `authorization` value for the current token: `Bearer <token>`. */
export async function bearer(token: TokenSource): Promise<string> {
  const value = typeof token === 'function' ? await token() : token;
  return `Bearer ${value}`;
}
