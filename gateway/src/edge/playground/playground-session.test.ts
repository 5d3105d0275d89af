import { DEVELOPMENT_JWT_SECRET, signToken, UserRole, type ServerHandle } from '@crm/kernel';
import { TEST_GATEWAY_SIGNING_SECRET, TEST_TOKEN_SETTINGS, testLogger, testToken } from '@crm/testing';
import { loadConfig } from '../../config';
import { start } from '../../server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const FORM = 'application/x-www-form-urlencoded';

/** The real gateway, in-process on a free port. No subgraph is started: nothing here gets past authentication. */
async function startGateway(env: NodeJS.ProcessEnv): Promise<{ gateway: ServerHandle; base: string }> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', JWT_SECRET: DEVELOPMENT_JWT_SECRET, GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SIGNING_SECRET, ...env });
  const gateway = await start(config, testLogger);
  return { gateway, base: `http://127.0.0.1:${gateway.port}` };
}

function extractConfig(html: string): { defaultHeaders: string | null } {
  const match = /<script id="playground-config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('config script not found');
  return JSON.parse(match[1]!) as { defaultHeaders: string | null };
}

describe('the playground in production', () => {
  let gateway: ServerHandle;
  let base: string;

  beforeAll(async () => {
    ({ gateway, base } = await startGateway({ NODE_ENV: 'production' }));
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  function navigate(cookie?: string): Promise<Response> {
    return fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
  }

  function signIn(token: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}/graphql/playground-session`, {
      method: 'POST',
      headers: { 'content-type': FORM, accept: BROWSER_ACCEPT, origin: base, 'sec-fetch-site': 'same-origin', ...headers },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
  }

  /** The `name=value` part of the session cookie a sign-in set. */
  function sessionCookie(res: Response): string {
    const setCookie = res.headers.get('set-cookie') ?? '';
    return setCookie.split(';')[0]!;
  }

  it('answers a browser without a session with the sign-in page, and no IDE', async () => {
    const res = await navigate();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/graphql/playground-session">');
    expect(html).toContain('name="token"');
    expect(html).toContain('ADMIN and ANALYST');
    expect(html).not.toMatch(/<script\b/);
    expect(html).not.toContain('playground-assets');
    expect(html).not.toContain('playground-config');
    expect(html).not.toMatch(/https?:\/\//); // nothing external
  });

  it('signs an ADMIN in with an HttpOnly, SameSite=Strict cookie and serves the IDE with their token', async () => {
    const token = await testToken({ role: UserRole.ADMIN });
    const res = await signIn(token);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/graphql');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^crm_playground=[\w.-]+;/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\/graphql(;|$)/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).not.toMatch(/Max-Age|Expires/i); // a browser-session cookie

    const page = await navigate(sessionCookie(res));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/<script defer src="\/playground-assets\/playground\.js/);
    expect(JSON.parse(extractConfig(html).defaultHeaders!)).toEqual({ Authorization: `Bearer ${token}` });
  });

  it('accepts an ANALYST, and a token pasted with its Bearer prefix and line breaks', async () => {
    const token = await testToken({ role: UserRole.ANALYST, email: 'analyst@crm.example' });
    const res = await signIn(`  Bearer ${token.slice(0, 40)}\n${token.slice(40)}\n`);
    expect(res.status).toBe(303);
    const html = await (await navigate(sessionCookie(res))).text();
    expect(JSON.parse(extractConfig(html).defaultHeaders!)).toEqual({ Authorization: `Bearer ${token}` });
  });

  it('refuses REP and MANAGER tokens with 403, naming the roles that may sign in', async () => {
    for (const role of [UserRole.REP, UserRole.MANAGER]) {
      const res = await signIn(await testToken({ role }));
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      const html = await res.text();
      expect(html).toContain(`In production the playground is for ADMIN and ANALYST users; this token is for a ${role} user.`);
      expect(html).toContain('<form method="post"');
    }
  });

  it('refuses a garbage, expired or empty token with the sign-in page and a reason', async () => {
    const garbage = await signIn('not-a-token');
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get('set-cookie')).toBeNull();
    expect(await garbage.text()).toMatch(/<p class="error" role="alert">The bearer token (is malformed|was refused: ERR_\w+)\.<\/p>/);

    const expired = await signIn(await signToken({ userId: 'u1', email: 'a@crm.example', role: UserRole.ADMIN, teamId: null }, TEST_TOKEN_SETTINGS, '-1m'));
    expect(expired.status).toBe(401);
    expect(await expired.text()).toContain('The bearer token has expired.');

    const empty = await signIn('   ');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Paste a bearer token to sign in.');
  });

  it('sends a browser back to the sign-in page when its cookie holds an expired or forged token, and clears it', async () => {
    const expired = await signToken({ userId: 'u1', email: 'a@crm.example', role: UserRole.ADMIN, teamId: null }, TEST_TOKEN_SETTINGS, '-1m');
    const forged = await signToken({ userId: 'u1', email: 'a@crm.example', role: UserRole.ADMIN, teamId: null }, { ...TEST_TOKEN_SETTINGS, secret: 'not-the-gateway-secret' });
    for (const token of [expired, forged]) {
      const res = await navigate(`crm_playground=${token}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toMatch(/^crm_playground=;.*Path=\/graphql.*Expires=Thu, 01 Jan 1970/i);
      const html = await res.text();
      expect(html).toMatch(/Your playground session has ended\. The bearer token (has expired|was refused: ERR_\w+)\./);
      expect(html).toContain('action="/graphql/playground-session"');
      expect(html).not.toContain('playground-config');
    }
  });

  it('refuses a sign-in form posted from another site', async () => {
    const res = await signIn(await testToken(), { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('a sign-in posted from another site is refused');
  });

  it('refuses an oversized form with 413 and the sign-in page', async () => {
    const res = await signIn('x'.repeat(20_000));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('The form was too large');
  });

  it('never authenticates an API request from the session cookie', async () => {
    const session = await signIn(await testToken());
    expect(session.status).toBe(303); // a real, working session cookie…
    const cookie = sessionCookie(session);
    expect(cookie).toMatch(/^crm_playground=\S+/);
    const page = await navigate(cookie);
    expect(page.status).toBe(200);
    await page.arrayBuffer();
    // …that the API does not look at.
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('still lets JSON requests to /graphql fall through to the API', async () => {
    const res = await fetch(`${base}/graphql?query=%7B__typename%7D`, { headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' } });
    expect(res.headers.get('content-type')).toMatch(/json/);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses PLAYGROUND_TOKEN in production rather than show one token to every visitor', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's', GATEWAY_SIGNING_SECRET: 's', PLAYGROUND_TOKEN: 'shared' })).toThrow(/PLAYGROUND_TOKEN: must be empty/);
  });
});

describe('the playground in development', () => {
  let gateway: ServerHandle;
  let base: string;

  beforeAll(async () => {
    ({ gateway, base } = await startGateway({ NODE_ENV: 'development', PLAYGROUND_TOKEN: 'dev-token' }));
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('serves the IDE to every browser with PLAYGROUND_TOKEN prefilled, and has no sign-in route', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(JSON.parse(extractConfig(html).defaultHeaders!)).toEqual({ Authorization: 'Bearer dev-token' });
    expect(html).not.toContain('playground-session');

    const session = await fetch(`${base}/graphql/playground-session`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: new URLSearchParams({ token: await testToken() }).toString(),
      redirect: 'manual',
    });
    expect(session.headers.get('set-cookie')).toBeNull();
    await session.arrayBuffer();
  });
});
