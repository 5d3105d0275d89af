/**
 * The playground's sign-in page (production): a plain form, no script and nothing external,
 * where a user pastes a bearer token. See playground-session.ts for what happens to it.
 */
import type { Response } from 'express';
import { INTROSPECTING_ROLES } from '../limits/introspection-gate';
import { escapeHtml } from './escape-html';

/** No scripts at all; the form may only post back to this origin. */
const SIGN_IN_CSP = ["default-src 'none'", "style-src 'unsafe-inline'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:34rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;font-weight:600;margin:1rem 0 .25rem}
textarea{box-sizing:border-box;width:100%;font:13px/1.4 ui-monospace,monospace;padding:.5rem;word-break:break-all}
button{margin-top:1rem;padding:.5rem 1rem;font:inherit;cursor:pointer}
.error{padding:.75rem 1rem;border:1px solid #cf222e;background:#ffebe9;border-radius:6px}
.note{color:#57606a;font-size:.9rem}`;

export interface SignInPage {
  /** Where the form posts: the session route, mount prefix included. */
  action: string;
  /** Why the user is (back) here; shown above the form. */
  message?: string;
}

export function renderSignInPage({ action, message }: SignInPage): string {
  const roles = INTROSPECTING_ROLES.join(' and ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Sign in · CRM GraphQL playground</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>CRM GraphQL playground</h1>
<p>In production the playground is open to ${escapeHtml(roles)} users only. Paste your bearer token to sign in.</p>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>\n` : ''}<form method="post" action="${escapeHtml(action)}">
<label for="token">Bearer token</label>
<textarea id="token" name="token" rows="6" required autofocus autocomplete="off" autocapitalize="off" spellcheck="false" placeholder="eyJhbGciOi…"></textarea>
<button type="submit">Open the playground</button>
</form>
<p class="note">The token is kept in a cookie for this browser session and placed in the playground's headers editor. The API itself only accepts it in the Authorization header.</p>
</main>
</body>
</html>
`;
}

/** Sends the sign-in page with `status` (200 for a first visit, 4xx/503 with the reason otherwise). */
export function sendSignInPage(res: Response, status: number, page: SignInPage): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', SIGN_IN_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.send(renderSignInPage(page));
}
