/**
 * Offline GraphiQL IDE served by the gateway.
 *
 * The browser bundle (gateway/playground/app.tsx, built by playground/build.mjs)
 * lives in dist/playground-assets/; this router serves it and answers browser
 * navigations to the GraphQL endpoint with the IDE page. Nothing is loaded from
 * a CDN, so the playground works without internet access.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { statSync } from 'node:fs';
import path from 'node:path';

export interface PlaygroundOptions {
  /** Path the IDE posts to. Default '/graphql'. */
  endpoint?: string;
  /** JSON text prefilled in the headers editor (e.g. a development token); null for none. */
  defaultHeaders?: string | null;
  defaultQuery?: string;
}

/** Where build.mjs writes the bundle; this file compiles to dist/playground/. */
const DEFAULT_ASSETS_DIR = path.join(__dirname, '..', 'playground-assets');
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

/** HTML-escape text for element content and double-quoted attributes. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

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

function renderPage(assetsDir: string, base: string, endpoint: string, options: PlaygroundOptions): string {
  const config = {
    endpoint,
    defaultHeaders: options.defaultHeaders ?? null,
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

  router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    if (!wantsHtml(req)) {
      next();
      return;
    }
    const base = req.baseUrl; // non-empty when the router is mounted under a prefix
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // The page may embed a development token: never cache it.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    res.send(renderPage(assetsDir, base, base + endpoint, options));
  });

  return router;
}
