/**
 * Offline GraphiQL IDE served by the gateway.
 *
 * The browser bundle (./app/app.tsx, built by ./app/build.mjs) lives in
 * dist/playground-assets/; this router serves it and answers browser
 * navigations to the GraphQL endpoint with the IDE page. Nothing is loaded from
 * a CDN, so the playground works without internet access.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { statSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from './escape-html';
import {
  checkPlaygroundToken,
  clearSessionCookie,
  isCrossSiteForm,
  readSessionCookie,
  SESSION_FORM_LIMIT,
  SESSION_PATH,
  setSessionCookie,
  type PlaygroundSignIn,
} from './playground-session';
import { sendSignInPage } from './sign-in-page';

export interface PlaygroundOptions {
  /** Path the IDE posts to. Default '/graphql'. */
  endpoint?: string;
  /** JSON text prefilled in the headers editor (e.g. a development token); null for none. Not with `signIn`. */
  defaultHeaders?: string | null;
  defaultQuery?: string;
  /**
   * Production: serve the IDE only to a signed-in ADMIN or ANALYST (a sign-in page, then a session
   * cookie; playground-session.ts), with their own token in the headers editor. Default: none, the
   * IDE is served to every browser.
   */
  signIn?: PlaygroundSignIn;
}

/** Where build.mjs writes the bundle; this file compiles to dist/edge/playground/. */
const DEFAULT_ASSETS_DIR = path.join(__dirname, '..', '..', 'playground-assets');
const ASSETS_PATH = '/playground-assets';

const ASSET_TYPES: Readonly<Record<string, string>> = {
  'playground.js': 'text/javascript; charset=utf-8',
  'playground.css': 'text/css; charset=utf-8',
};

const DEFAULT_QUERY = `# Welcome to the CRM GraphQL playground.
# The explorer (folder icon, left) builds operations by ticking fields; the docs
# (book icon) describe every type and field. Run with Ctrl-Enter.
# One query, three subgraphs: accounts, their deals and their latest activities.

query KeyAccounts {
  accounts(first: 5, filter: { tier: STRATEGIC }) {
    totalCount
    edges {
      node {
        name
        owner { name team { name } }
        openPipelineValue { amount currency }
        lastActivityAt
        opportunities(first: 3) {
          edges { node { name amount { amount currency } stage { name probability } } }
        }
        activities(first: 3) { edges { node { type subject occurredAt } } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/**
 * JSON safe to embed in a `<script type="application/json">` element: `<`
 * (so `</script>` and `<!--` cannot appear), `>`, `&` and the JS line
 * separators are written as \u escapes, which JSON.parse turns back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Cache-busting token for the asset URLs (changes whenever the bundle is rebuilt). */
function assetVersion(assetsDir: string, file: string): string | undefined {
  try {
    const st = statSync(path.join(assetsDir, file));
    return `${Math.trunc(st.mtimeMs).toString(36)}${st.size.toString(36)}`;
  } catch {
    return undefined; // not built: the page still renders, the asset request 404s
  }
}

function assetUrl(assetsDir: string, base: string, file: string): string {
  const version = assetVersion(assetsDir, file);
  return `${base}${ASSETS_PATH}/${file}${version ? `?v=${version}` : ''}`;
}

/** `Host` is client supplied: only reuse it in the CSP if it is a plain host[:port]. */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function contentSecurityPolicy(req: Request): string {
  const host = req.get('host');
  // CSP3 browsers already let 'self' cover ws(s): on the same host; older ones need it spelled out.
  const sockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    // graphiql / codemirror / the explorer set inline styles at runtime
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function renderPage(assetsDir: string, base: string, endpoint: string, defaultHeaders: string | null, options: PlaygroundOptions): string {
  const config = {
    endpoint,
    defaultHeaders,
    defaultQuery: options.defaultQuery ?? DEFAULT_QUERY,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>CRM GraphQL playground</title>
<style>html,body{height:100%;margin:0;overflow:hidden}#root{height:100vh}</style>
<link rel="stylesheet" href="${escapeHtml(assetUrl(assetsDir, base, 'playground.css'))}">
<script id="playground-config" type="application/json">${jsonForScript(config)}</script>
<script defer src="${escapeHtml(assetUrl(assetsDir, base, 'playground.js'))}"></script>
</head>
<body>
<noscript>The GraphQL playground needs JavaScript. POST GraphQL requests to ${escapeHtml(endpoint)}.</noscript>
<div id="root"></div>
</body>
</html>
`;
}

function wantsHtml(req: Request): boolean {
  return (
    req.query['query'] === undefined &&
    req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html'
  );
}

/**
 * Serves the GraphiQL IDE: `GET <endpoint>` from a browser (Accept prefers
 * text/html, no `query` parameter) gets the IDE page; every other request to
 * the endpoint falls through to the next handler (the GraphQL server).
 * Mount it before the GraphQL middleware, e.g. `app.use(playgroundRouter({ defaultHeaders }))`.
 *
 * With `signIn` (production), that browser navigation gets a sign-in page until the user has a
 * session: the form posts the token to `POST <endpoint>/playground-session`, which sets the
 * session cookie and redirects (303) back to the endpoint, now answered with the IDE page.
 *
 * `assetsDir` is for tests; it defaults to dist/playground-assets.
 */
export function playgroundRouter(options: PlaygroundOptions, assetsDir: string = DEFAULT_ASSETS_DIR): Router {
  const endpoint = options.endpoint ?? '/graphql';
  if (!endpoint.startsWith('/')) {
    throw new Error(`playground endpoint must be an absolute path, got ${JSON.stringify(endpoint)}`);
  }
  const router = Router();

  router.get(`${ASSETS_PATH}/:file`, (req: Request, res: Response, next: NextFunction) => {
    const file = String(req.params['file']);
    const type = Object.hasOwn(ASSET_TYPES, file) ? ASSET_TYPES[file] : undefined;
    if (!type) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Versioned URLs (?v= from the page) can be cached for good; bare ones revalidate via ETag.
    res.setHeader('Cache-Control', req.query['v'] !== undefined ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.sendFile(file, { root: assetsDir, cacheControl: false, dotfiles: 'deny' }, (err?: Error & { status?: number; code?: string }) => {
      if (!err) return;
      if (res.headersSent) return; // client went away mid-transfer
      if (err.status === 404 || err.code === 'ENOENT') {
        res.removeHeader('Cache-Control');
        res
          .status(404)
          .type('text/plain')
          .send('Playground assets are not built; run `pnpm --filter @crm/gateway build`.');
        return;
      }
      next(err);
    });
  });

  const { signIn } = options;
  const sendPage = (req: Request, res: Response, defaultHeaders: string | null): void => {
    const base = req.baseUrl; // non-empty when the router is mounted under a prefix
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // The page may embed a token (development's, or the signed-in user's): never cache it.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', signIn ? 'Accept, Cookie' : 'Accept');
    res.send(renderPage(assetsDir, base, base + endpoint, defaultHeaders, options));
  };

  if (!signIn) {
    router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
      if (!wantsHtml(req)) {
        next();
        return;
      }
      sendPage(req, res, options.defaultHeaders ?? null);
    });
    return router;
  }

  if (options.defaultHeaders) {
    // A token handed to every visitor would make the sign-in pointless.
    throw new Error('playground defaultHeaders cannot be combined with signIn: each user signs in with their own token');
  }
  const sessionPath = endpoint + SESSION_PATH;

  router.get(endpoint, async (req: Request, res: Response, next: NextFunction) => {
    if (!wantsHtml(req)) {
      next();
      return;
    }
    res.setHeader('Vary', 'Accept, Cookie');
    const base = req.baseUrl;
    const action = base + sessionPath;
    const remembered = readSessionCookie(req);
    if (!remembered) {
      sendSignInPage(res, 200, { action });
      return;
    }
    const check = await checkPlaygroundToken(remembered, signIn.tokens);
    if (!check.ok) {
      // Keep the cookie when only the key set was unreachable: the next load may succeed.
      if (check.status !== 503) clearSessionCookie(res, base + endpoint, signIn);
      sendSignInPage(res, check.status, { action, message: `Your playground session has ended. ${check.message}` });
      return;
    }
    sendPage(req, res, JSON.stringify({ Authorization: `Bearer ${check.token}` }, null, 2));
  });

  router.post(
    sessionPath,
    express.urlencoded({ extended: false, limit: SESSION_FORM_LIMIT, parameterLimit: 10 }),
    async (req: Request, res: Response) => {
      const base = req.baseUrl;
      const action = base + sessionPath;
      if (isCrossSiteForm(req)) {
        sendSignInPage(res, 403, { action, message: 'Sign in from this page: a sign-in posted from another site is refused.' });
        return;
      }
      const body: unknown = req.body;
      const token = body && typeof body === 'object' && 'token' in body && typeof body.token === 'string' ? body.token : '';
      const check = await checkPlaygroundToken(token, signIn.tokens);
      if (!check.ok) {
        if (check.status === 403) signIn.logger?.warn({ status: 403, reason: check.message }, 'playground sign-in refused');
        sendSignInPage(res, check.status, { action, message: check.message });
        return;
      }
      signIn.logger?.info({ userId: check.principal.userId, role: check.principal.role }, 'playground session opened');
      setSessionCookie(res, check.token, base + endpoint, signIn);
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, base + endpoint);
    },
    // Body-parser failures (too large, bad encoding) answer with the form, not a stack trace.
    (err: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent || typeof err.status !== 'number' || err.status >= 500) {
        next(err);
        return;
      }
      const message = err.type === 'entity.too.large' ? `The form was too large (at most ${SESSION_FORM_LIMIT}).` : 'The form could not be read; paste the token again.';
      sendSignInPage(res, err.status, { action: req.baseUrl + sessionPath, message });
    },
  );
  // A refresh or bookmark of the form's URL: back to the endpoint (sign-in page or IDE).
  router.get(sessionPath, (req: Request, res: Response) => res.redirect(303, req.baseUrl + endpoint));

  return router;
}
