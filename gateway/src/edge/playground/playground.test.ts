import express from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TEST_TOKEN_SETTINGS, testToken } from '@crm/testing';
import { jsonForScript, playgroundRouter } from './playground';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let assetsDir: string;
let server: Server;
let base: string;
let fallthrough: number;

function extractConfig(html: string): unknown {
  const match = /<script id="playground-config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('config script not found');
  return JSON.parse(match[1]!);
}

beforeAll(async () => {
  // Stand-in bundle: the real one only exists after `node src/edge/playground/app/build.mjs`.
  assetsDir = mkdtempSync(path.join(tmpdir(), 'playground-assets-'));
  writeFileSync(path.join(assetsDir, 'playground.js'), 'console.log("playground");\n');
  writeFileSync(path.join(assetsDir, 'playground.css'), 'body{margin:0}\n');
  writeFileSync(path.join(assetsDir, 'other.js'), 'not served\n');

  const app = express();
  app.use(
    playgroundRouter({
      defaultHeaders: '{\n  "Authorization": "Bearer dev-token"\n}',
      defaultQuery: 'query Evil { x } # </script><script>alert(1)</script>',
    }, assetsDir),
  );
  app.use('/graphql', (_req, res) => {
    fallthrough++;
    res.json({ data: { fallthrough: true } });
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  rmSync(assetsDir, { recursive: true, force: true });
});

beforeEach(() => {
  fallthrough = 0;
});

describe('playgroundRouter', () => {
  it('serves the IDE page to browsers', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    expect(csp).not.toMatch(/https?:\/\//);

    const html = await res.text();
    expect(html).toContain('<title>CRM GraphQL playground</title>');
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/<link rel="stylesheet" href="\/playground-assets\/playground\.css\?v=\w+">/);
    expect(html).toMatch(/<script defer src="\/playground-assets\/playground\.js\?v=\w+"><\/script>/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing from a CDN
    expect(fallthrough).toBe(0);

    expect(extractConfig(html)).toEqual({
      endpoint: '/graphql',
      defaultHeaders: '{\n  "Authorization": "Bearer dev-token"\n}',
      defaultQuery: 'query Evil { x } # </script><script>alert(1)</script>',
    });
  });

  it('escapes </script> inside the config script', async () => {
    const html = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    const scripts = html.match(/<script\b/g) ?? [];
    expect(scripts).toHaveLength(2); // config + bundle, nothing injected
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');

    expect(jsonForScript({ q: '</script><!--' })).toBe('{"q":"\\u003c/script\\u003e\\u003c!--"}');
    expect(JSON.parse(jsonForScript({ q: '</script>&\u2028' }))).toEqual({ q: '</script>&\u2028' });
  });

  it('lets JSON and GraphQL requests fall through to next()', async () => {
    const requests: Array<[string, RequestInit]> = [
      ['/graphql', { headers: { accept: 'application/json' } }],
      ['/graphql', { headers: { accept: 'application/graphql-response+json, application/json' } }],
      ['/graphql', { headers: { accept: '*/*' } }],
      ['/graphql?query=%7B__typename%7D', { headers: { accept: BROWSER_ACCEPT } }],
      [
        '/graphql',
        {
          method: 'POST',
          headers: { accept: 'text/html', 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        },
      ],
    ];
    for (const [url, init] of requests) {
      const res = await fetch(`${base}${url}`, init);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ data: { fallthrough: true } });
    }
    expect(fallthrough).toBe(requests.length);
  });

  it('serves the two bundled assets with content type and cache headers', async () => {
    const js = await fetch(`${base}/playground-assets/playground.js?v=abc`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    await js.arrayBuffer();

    const css = await fetch(`${base}/playground-assets/playground.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('no-cache');
    await css.arrayBuffer();
  });

  it('404s on any other asset name', async () => {
    for (const name of ['other.js', 'constructor', '..%2Fplayground%2Fplayground.js', '%2E%2E%2Fpackage.json', '.env']) {
      const res = await fetch(`${base}/playground-assets/${name}`);
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    }
  });

  it('works when mounted under a prefix', async () => {
    const app = express();
    app.use('/api', playgroundRouter({ endpoint: '/gql', defaultHeaders: null }, assetsDir));
    const prefixed = createServer(app);
    await new Promise<void>((resolve) => prefixed.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(prefixed.address() as AddressInfo).port}`;
      const html = await (await fetch(`${url}/api/gql`, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain('href="/api/playground-assets/playground.css');
      expect(extractConfig(html)).toMatchObject({ endpoint: '/api/gql', defaultHeaders: null });
      expect((await fetch(`${url}/api/playground-assets/playground.js`)).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => prefixed.close(() => resolve()));
    }
  });

  it('still renders the page, and explains the 404, when the bundle is not built', async () => {
    const emptyDir = mkdtempSync(path.join(tmpdir(), 'playground-empty-'));
    const app = express();
    app.use(playgroundRouter({}, emptyDir));
    const bare = createServer(app);
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
      const html = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain('src="/playground-assets/playground.js"');
      expect(extractConfig(html)).toMatchObject({ endpoint: '/graphql', defaultHeaders: null });
      const asset = await fetch(`${url}/playground-assets/playground.js`);
      expect(asset.status).toBe(404);
      expect(await asset.text()).toMatch(/not built/);
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('rejects a relative endpoint', () => {
    expect(() => playgroundRouter({ endpoint: 'graphql' })).toThrow(/absolute path/);
  });

  it('refuses a shared defaultHeaders token together with signIn', () => {
    expect(() => playgroundRouter({ defaultHeaders: '{"Authorization":"Bearer x"}', signIn: { tokens: TEST_TOKEN_SETTINGS } })).toThrow(/cannot be combined with signIn/);
  });

  it('scopes the sign-in form, redirect and cookie to the endpoint when mounted under a prefix', async () => {
    const app = express();
    app.use('/api', playgroundRouter({ endpoint: '/gql', signIn: { tokens: TEST_TOKEN_SETTINGS, secureCookie: false } }, assetsDir));
    const prefixed = createServer(app);
    await new Promise<void>((resolve) => prefixed.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(prefixed.address() as AddressInfo).port}`;
      const signInPage = await (await fetch(`${url}/api/gql`, { headers: { accept: 'text/html' } })).text();
      expect(signInPage).toContain('action="/api/gql/playground-session"');

      const token = await testToken();
      const res = await fetch(`${url}/api/gql/playground-session`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/api/gql');
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/; Path=\/api\/gql(;|$)/);
      expect(setCookie).not.toMatch(/Secure/i);

      const html = await (await fetch(`${url}/api/gql`, { headers: { accept: 'text/html', cookie: setCookie.split(';')[0]! } })).text();
      expect(extractConfig(html)).toMatchObject({ endpoint: '/api/gql', defaultHeaders: JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) });
    } finally {
      await new Promise<void>((resolve) => prefixed.close(() => resolve()));
    }
  });
});
