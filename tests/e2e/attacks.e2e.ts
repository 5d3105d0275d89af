import { UserRole } from '@crm/kernel';
import { eventually, type Platform, postJson, signedRequestHeaders, startPlatform, TEST_TOKEN_SETTINGS } from '@crm/testing';
import { SignJWT, UnsecuredJWT } from 'jose';
import { expectNoSql, sqlQueriesSoFar, tokenForSeededUser } from './platform-helpers';
import { collect, wsClient } from './ws-client';

/**
 * Every attack of the security issue, each sent to the real gateway (and, where it matters, straight
 * to the subgraphs) of a platform started as in production: NODE_ENV=production, so introspection is
 * for ADMIN and ANALYST only and validation errors carry no "Did you mean …?".
 */

/** A query nested 15 fields deep (the maximum is 12). */
const DEEP = '{ accounts(first: 1) { edges { node { owner { team { members { edges { node { team { members { edges { node { team { members { totalCount } } } } } } } } } } } } } } }';
/** A query that asks for 100000 accounts with their contacts (cost far over 50000). */
const COSTLY = '{ accounts(first: 100000) { edges { node { name contacts(first: 100) { edges { node { name } } } } } } }';
/** What a REP gets for any introspection in production. */
const INTROSPECTION_REFUSED = 'Introspection is available to ADMIN and ANALYST users only, got role REP';
/** What a subgraph answers to a request that does not carry the gateway's signature. */
const UNSIGNED_REFUSED = { errors: [{ message: 'Requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }] };

describe('attacks on the gateway and the subgraphs, in production mode', () => {
  let platform: Platform;
  let admin: string;
  let analyst: string;
  let rep: string;

  /** POSTs `body` (JSON-encoded unless already a string) to the gateway, or to `url`; `token: null` sends none. */
  const post = (body: unknown, { token = admin as string | null, url = platform.gatewayUrl, headers = {} as Record<string, string> } = {}) => postJson(url, body, { token, headers });
  /** Runs `attack` and checks that no subgraph ran a single SQL query meanwhile. */
  const withoutSql = <T>(attack: () => Promise<T>, subgraphUrls: Record<string, string> = platform.subgraphUrls) => expectNoSql(subgraphUrls, attack);

  beforeAll(async () => {
    // Production refuses to start without a JWT secret: the test one, so that testToken's tokens verify.
    platform = await startPlatform({ seedScale: 0.05, env: { NODE_ENV: 'production', JWT_SECRET: TEST_TOKEN_SETTINGS.secret } });
    [admin, analyst, rep] = await Promise.all([UserRole.ADMIN, UserRole.ANALYST, UserRole.REP].map((role) => tokenForSeededUser(platform.database.url, role)));
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  describe('operation shape and size', () => {
    it('refuses a depth bomb with 400, naming the depth, without asking any subgraph', async () => {
      const { status, body } = await withoutSql(() => post({ query: DEEP }));
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Query depth 15 exceeds the maximum of 12', extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
    });

    it('refuses a too-costly query, with first given literally or as a variable, without asking any subgraph', async () => {
      for (const request of [
        { query: COSTLY },
        { query: 'query($n: Int!) { accounts(first: $n) { edges { node { name contacts(first: 100) { edges { node { name } } } } } } }', variables: { n: 100_000 } },
      ]) {
        const { status, body } = await withoutSql(() => post(request));
        expect(status).toBe(400);
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0].message).toMatch(/^Query cost \d+ exceeds the maximum of 50000$/);
        expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    });

    it('refuses alias floods, root-field floods and documents of too many tokens, without asking any subgraph', async () => {
      const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
      const roots = Array.from({ length: 11 }, (_, i) => `r${i}: me { id }`).join(' ');
      const expectations: Array<[string, RegExp, string]> = [
        [`{ me { ${aliases} } }`, /^Alias count 31 exceeds the maximum of 30$/, 'GRAPHQL_VALIDATION_FAILED'],
        [`{ ${roots} }`, /^Root field count 11 exceeds the maximum of 10$/, 'GRAPHQL_VALIDATION_FAILED'],
        [`{ ${'__typename '.repeat(6000)} }`, /5000 tokens/, 'GRAPHQL_PARSE_FAILED'],
      ];
      for (const [query, message, code] of expectations) {
        const { status, body } = await withoutSql(() => post({ query }));
        expect(status).toBe(400);
        expect(body.errors.map((e: any) => e.extensions.code)).toContain(code);
        expect(body.errors.map((e: any) => e.message)).toContainEqual(expect.stringMatching(message));
      }
    });

    it('refuses a body over the 1 MB limit with 413 and no stack trace, and keeps serving', async () => {
      const { status, text } = await withoutSql(() => post({ query: '{ me { id } }', variables: { padding: 'x'.repeat(1_100_000) } }));
      expect(status).toBe(413);
      expect(text).not.toMatch(/node_modules|\n\s+at |stack/i);
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: 'The request body is larger than the limit of 1048576 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) } }],
      });
      const malformed = await postJson(platform.gatewayUrl, '{"query": ', { token: admin });
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.text)).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST', requestId: expect.any(String) } }] });
      const after = await post({ query: '{ me { email } }' });
      expect(after.body).toEqual({ data: { me: { email: 'admin@crm.example' } } });
    });

    it('refuses a batch array, and a GET unless it carries a CSRF-preflight header', async () => {
      const batch = await withoutSql(() => post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]));
      expect(batch.status).toBe(400);
      const get = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ me { id } }')}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(get.status).toBe(400);
      expect(await get.text()).toMatch(/CSRF/);
      const preflighted = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ me { id } }')}`, {
        headers: { authorization: `Bearer ${admin}`, 'apollo-require-preflight': 'true' },
      });
      expect(preflighted.status).toBe(200);
    });

    it('refuses circular fragments with 400 and a validation error, without asking any subgraph', async () => {
      const cycles: Array<[string, string]> = [
        ['{ me { ...A } } fragment A on User { id ...B } fragment B on User { email ...A }', 'Cannot spread fragment "A" within itself via "B".'],
        ['{ ...A } fragment A on Query { me { id } ...A }', 'Cannot spread fragment "A" within itself.'],
        ['{ me { ...A } } fragment A on User { ...B } fragment B on User { ...C } fragment C on User { id ...A }', 'Cannot spread fragment "A" within itself via "B", "C".'],
      ];
      for (const [query, message] of cycles) {
        const { status, body } = await withoutSql(() => post({ query }));
        expect(status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
      }
    });

    it('refuses a too-deep or too-costly operation over WebSocket, without asking any subgraph', async () => {
      const client = wsClient(platform.gatewayUrl, admin);
      try {
        await withoutSql(async () => {
          const deep = collect(client, DEEP);
          const costly = collect(client, `subscription { dealStageChanged { opportunity { account { contacts(first: 100000) { edges { node { name } } } } } } }`);
          const costlyQuery = collect(client, COSTLY);
          await eventually(() => [deep, costly, costlyQuery].every((s) => s.errors.length > 0), { timeoutMs: 10_000, what: 'three refusals' });
          const [deepErrors] = deep.errors as any[][];
          expect(deepErrors.map((e) => [e.message, e.extensions?.code])).toEqual([['Query depth 15 exceeds the maximum of 12', 'GRAPHQL_VALIDATION_FAILED']]);
          for (const refused of [costly, costlyQuery]) {
            const [errors] = refused.errors as any[][];
            expect(errors).toHaveLength(1);
            expect(errors[0].message).toMatch(/^Query cost \d+ exceeds the maximum of 50000$/);
            expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
            expect(refused.events).toEqual([]);
          }
        });
      } finally {
        await client.dispose();
      }
    });
  });

  describe('page size', () => {
    const FIRST_REFUSED = {
      message: 'Invalid input: first: first must not be greater than 100 (rule: max)',
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [{ field: 'first', message: 'first must not be greater than 100 (rule: max)' }] }),
    };

    it('refuses first: 100000 at the gateway when it multiplies a selection: the cost is over the maximum', async () => {
      const { status, body } = await withoutSql(() => post({ query: '{ accounts(first: 100000) { totalCount } }' }));
      expect(status).toBe(400);
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Query cost 100001 exceeds the maximum of 50000', extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
    });

    it('refuses first over 100 with BAD_USER_INPUT naming first and the maximum, before any SQL, also where the cost estimate sees nothing to multiply', async () => {
      const requests = [
        { query: '{ accounts(first: 101) { totalCount } }' },
        // Every selection skipped: the gateway's cost is 1, so only the subgraph's own check stands.
        { query: '{ accounts(first: 100000) { totalCount @skip(if: true) } }' },
        { query: 'query($n: Int!) { opportunities(first: $n) { totalCount } }', variables: { n: 101 } },
      ];
      for (const request of requests) {
        const { status, body } = await withoutSql(() => post(request));
        expect(status).toBe(200);
        expect(body.data).toBeNull();
        expect(body.errors).toEqual([expect.objectContaining(FIRST_REFUSED)]);
      }
      // Nested: the subgraph refuses the inner page when it gets to it.
      const nested = await post({ query: '{ accounts(first: 1) { edges { node { contacts(first: 5000) { totalCount } } } } }' });
      expect(nested.body.errors).toEqual([expect.objectContaining({ ...FIRST_REFUSED, path: ['accounts', 'edges', 0, 'node', 'contacts'] })]);
    });

    // Apollo Gateway adds `extensions.serviceName` to every error a subgraph returns; formatError drops it.
    it('does not name the subgraph that refused the input', async () => {
      const { body } = await post({ query: '{ accounts(first: 101) { totalCount } }' });
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions).not.toHaveProperty('serviceName');
    });
  });

  describe('introspection in production', () => {
    it('refuses introspection to a REP, however it is hidden, with 400 and without asking any subgraph', async () => {
      const hidden = [
        '{ __schema { queryType { name } } }',
        '{ __type(name: "Account") { fields { name } } }',
        '{ s: __schema { queryType { name } } }',
        '{ ...Harmless } fragment Harmless on Query { __schema { types { name } } }',
        '{ ...__schema } fragment __schema on Query { __schema { types { name } } }',
        '{ ... on Query { __type(name: "User") { name } } }',
        '{ me { id } ...A } fragment A on Query { ...B } fragment B on Query { __schema { queryType { name } } }',
      ];
      for (const query of hidden) {
        const { status, body } = await withoutSql(() => post({ query }, { token: rep }));
        expect({ query, status }).toEqual({ query, status: 400 });
        expect(body.data).toBeUndefined();
        expect(body.errors).toEqual([expect.objectContaining({ message: INTROSPECTION_REFUSED, extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
      }
    });

    it('refuses introspection to a REP over WebSocket too', async () => {
      const client = wsClient(platform.gatewayUrl, rep);
      try {
        const refused = collect(client, '{ ...__schema } fragment __schema on Query { __schema { queryType { name } } }');
        await eventually(() => refused.errors.length > 0, { timeoutMs: 10_000, what: 'the refusal' });
        const [errors] = refused.errors as any[][];
        expect(errors.map((e) => [e.message, e.extensions?.code])).toEqual([[INTROSPECTION_REFUSED, 'GRAPHQL_VALIDATION_FAILED']]);
        expect(refused.events).toEqual([]);
      } finally {
        await client.dispose();
      }
    });

    it('refuses introspection without a token as any anonymous request: 401', async () => {
      const { status, body } = await withoutSql(() => post({ query: '{ __schema { queryType { name } } }' }, { token: null }));
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    });

    it('lets ADMIN and ANALYST users introspect, through fragments too', async () => {
      for (const token of [admin, analyst]) {
        expect((await post({ query: '{ __schema { queryType { name } } }' }, { token })).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
        expect((await post({ query: '{ ...T } fragment T on Query { __type(name: "Account") { name } }' }, { token })).body).toEqual({ data: { __type: { name: 'Account' } } });
      }
    });

    it('does not take a fragment named __schema for introspection: it selects only __typename', async () => {
      const { status, body } = await post({ query: '{ ...__schema } fragment __schema on Query { __typename }' }, { token: rep });
      expect(status).toBe(200);
      expect(body).toEqual({ data: { __typename: 'Query' } });
    });

    it('gives no "Did you mean" suggestions for typos in fields, arguments, enum values and types', async () => {
      const typos: Array<[{ query: string; variables?: Record<string, unknown> }, string]> = [
        [{ query: '{ acounts { totalCount } }' }, 'Cannot query field "acounts" on type "Query".'],
        [{ query: '{ accounts(first: 1) { edges { node { nam } } } }' }, 'Cannot query field "nam" on type "Account".'],
        [{ query: '{ accounts(frist: 1) { totalCount } }' }, 'Unknown argument "frist" on field "Query.accounts".'],
        [{ query: '{ accounts(first: 1, filter: { tier: KEYY }) { totalCount } }' }, 'Value "KEYY" does not exist in "Tier" enum.'],
        [{ query: '{ ...F } fragment F on Qery { __typename }' }, 'Unknown type "Qery".'],
        [
          { query: 'query($t: Tier) { accounts(first: 1, filter: { tier: $t }) { totalCount } }', variables: { t: 'KEYY' } },
          'Variable "$t" got invalid value "KEYY"; Value "KEYY" does not exist in "Tier" enum.',
        ],
      ];
      for (const [request, message] of typos) {
        const { status, text, body } = await withoutSql(() => post(request, { token: rep }));
        expect(status).toBe(400);
        expect(body.errors.map((e: any) => e.message)).toContain(message);
        expect(text).not.toMatch(/Did you mean/);
      }
    });
  });

  describe('tokens', () => {
    /** Each bad token by what is wrong with it; all carry the claims of the seeded admin. */
    let bad: Record<string, string | null>;

    beforeAll(async () => {
      const [header, payload, signature] = admin.split('.');
      const { sub, email, role, teamId } = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const algNone = new UnsecuredJWT({ email, role, teamId })
        .setSubject(sub)
        .setIssuer(TEST_TOKEN_SETTINGS.issuer)
        .setAudience(TEST_TOKEN_SETTINGS.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .encode();
      expect(JSON.parse(Buffer.from(algNone.split('.')[0], 'base64url').toString())).toEqual({ alg: 'none' });
      // Signed with the right secret for the right issuer and audience: only the expiry is wrong.
      const now = Math.floor(Date.now() / 1000);
      const expired = await new SignJWT({ email, role, teamId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(TEST_TOKEN_SETTINGS.issuer)
        .setAudience(TEST_TOKEN_SETTINGS.audience)
        .setIssuedAt(now - 3_600)
        .setExpirationTime(now - 60)
        .sign(new TextEncoder().encode(TEST_TOKEN_SETTINGS.secret));
      bad = {
        'no token': null,
        'alg none': algNone,
        "alg none with a valid token's signature": `${algNone}${signature}`,
        'alg none header on a valid token': `${algNone.split('.')[0]}.${payload}.${signature}`,
        expired,
        'forged signature': `${header}.${payload}.${signature.slice(0, -3)}abc`,
      };
    });

    it('refuses a missing, alg-none, expired or forged token at the gateway with 401 UNAUTHENTICATED, no data and no SQL', async () => {
      for (const [what, token] of Object.entries(bad)) {
        const { status, body } = await withoutSql(() => post({ query: '{ me { id email } accounts(first: 1) { totalCount } }' }, { token }));
        expect({ what, status }).toEqual({ what, status: 401 });
        expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      expect((await post({ query: '{ me { id } }' }, { token: bad.expired })).body.errors[0].message).toBe('The bearer token has expired');
    });

    it('has each subgraph refuse those tokens too, even on a request the gateway signed', async () => {
      const query = JSON.stringify({ query: '{ __typename }' });
      for (const [what, token] of Object.entries(bad)) {
        for (const [name, url] of Object.entries(platform.subgraphUrls)) {
          const { status, body } = await withoutSql(() => post(query, { token, url, headers: signedRequestHeaders(url, query) }));
          expect({ what, name, status }).toEqual({ what, name, status: 401 });
          expect(body.data).toBeUndefined();
          expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        }
      }
    });
  });

  describe('direct calls to the subgraphs', () => {
    const bodies: Record<string, Array<{ query: string; variables?: Record<string, unknown> }>> = {
      accounts: [
        { query: '{ accounts { totalCount } }' },
        { query: '{ _service { sdl } }' },
        { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }', variables: { r: [{ __typename: 'User', id: '00000000-0000-4000-8000-000000000001' }] } },
      ],
      opportunities: [{ query: '{ opportunities { totalCount } }' }, { query: '{ _service { sdl } }' }],
      activities: [{ query: '{ activities { totalCount } }' }, { query: '{ _service { sdl } }' }],
    };

    it('refuses an unsigned call with a valid user token, _entities and _service included, with 401 before any SQL', async () => {
      for (const [name, list] of Object.entries(bodies)) {
        const url = platform.subgraphUrls[name as keyof typeof platform.subgraphUrls];
        for (const body of list) {
          const response = await withoutSql(() => post(body, { url }), { [name]: url });
          expect({ name, query: body.query, status: response.status }).toEqual({ name, query: body.query, status: 401 });
          expect(response.body).toEqual(UNSIGNED_REFUSED);
        }
      }
    });

    it('refuses a call whose signature was made for another body (a replayed signature), with 401 before any SQL', async () => {
      for (const [name, [body]] of Object.entries(bodies)) {
        const url = platform.subgraphUrls[name as keyof typeof platform.subgraphUrls];
        const replayed = signedRequestHeaders(url, JSON.stringify({ query: '{ __typename }' }));
        const response = await withoutSql(() => post(body, { url, headers: replayed }), { [name]: url });
        expect({ name, status: response.status }).toEqual({ name, status: 401 });
        expect(response.body).toEqual(UNSIGNED_REFUSED);
      }
    });

    it('answers the same data through the gateway, which signs, from all three subgraphs', async () => {
      const before = await sqlQueriesSoFar(platform.subgraphUrls);
      const { body } = await post({ query: '{ accounts(first: 1) { totalCount edges { node { opportunities(first: 1) { totalCount } activities(first: 1) { totalCount } } } } }' });
      expect(body.errors).toBeUndefined();
      expect(body.data.accounts.totalCount).toBeGreaterThan(0);
      expect(await sqlQueriesSoFar(platform.subgraphUrls)).toBeGreaterThan(before);
    });
  });
});
