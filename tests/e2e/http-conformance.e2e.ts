import { createHash } from 'node:crypto';
import { startPlatform, type Platform } from '@crm/testing';
import { serverAudits } from 'graphql-http';
import { sqlQueriesSoFar, tokenForSeededUser } from './platform-helpers';
import { collect, until, wsClient } from './ws-client';

/**
 * The SHOULD and MAY audits of graphql-http the gateway does not pass, and why; every MUST passes.
 * A change either way (one starts passing, another starts failing) fails the test, so this stays true.
 */
const EXPECTED_SHOULD_FAILURES: Record<string, string> = {
  // Apollo Server answers requests that never execute with 400 whatever the client accepts; only
  // the newer `application/graphql-response+json` watershed is in the spec's MUSTs, and that passes.
  '572B SHOULD use 200 status code on document parsing failure when accepting application/json': 'Apollo answers 400',
  'FDE2 SHOULD use 200 status code on document validation failure when accepting application/json': 'Apollo answers 400',
  '7B9B SHOULD use a status code of 200 on variable coercion failure when accepting application/json': 'Apollo answers 400',
  // CSRF prevention (on, deliberately): a GET must carry `apollo-require-preflight` or
  // `x-apollo-operation-name`, which the audits' plain GETs do not.
  '5A70 MAY accept application/x-www-form-urlencoded formatted GET requests': 'CSRF prevention',
  '6A70 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json': 'CSRF prevention',
  'D6D5 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json': 'CSRF prevention',
};

/** A query nested 15 fields deep (the maximum is 12). */
const DEEP = '{ accounts(first: 1) { edges { node { owner { team { members { edges { node { team { members { edges { node { team { members { totalCount } } } } } } } } } } } } } } }';
/** A query that asks for 100000 accounts with their contacts (cost far over 50000). */
const COSTLY = '{ accounts(first: 100000) { edges { node { name contacts(first: 100) { edges { node { name } } } } } } }';

describe('the gateway against the GraphQL over HTTP spec and its operation limits', () => {
  let platform: Platform;
  let token: string;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.05 });
    token = await tokenForSeededUser(platform.database.url);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('passes every MUST audit of graphql-http, and fails only the SHOULDs and MAYs listed with a reason', async () => {
    // The gateway refuses anonymous requests, so each audit request carries a token.
    const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const failures: Record<string, string> = {};
    const mustFailures: string[] = [];
    for (const audit of serverAudits({ url: platform.gatewayUrl, fetchFn })) {
      const result = await audit.fn();
      if (result.status === 'ok') continue;
      if (audit.name.startsWith('MUST')) mustFailures.push(`${audit.id} ${audit.name}: ${result.reason}`);
      else failures[`${audit.id} ${audit.name}`] = result.reason;
    }
    expect(mustFailures).toEqual([]);
    expect(Object.keys(failures).sort()).toEqual(Object.keys(EXPECTED_SHOULD_FAILURES).sort());
  });

  it('refuses a too-deep query over HTTP with 400, naming the depth, without asking any subgraph', async () => {
    const before = await sqlQueriesSoFar(platform.subgraphUrls);
    const response = await post({ query: DEEP });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Query depth 15 exceeds the maximum of 12', extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
    expect(await sqlQueriesSoFar(platform.subgraphUrls)).toBe(before);
  });

  it('refuses a too-costly query over HTTP, with first given literally or as a variable', async () => {
    const before = await sqlQueriesSoFar(platform.subgraphUrls);
    for (const body of [
      { query: COSTLY },
      { query: 'query($n: Int!) { accounts(first: $n) { edges { node { name contacts(first: 100) { edges { node { name } } } } } } }', variables: { n: 100_000 } },
    ]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as any;
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/^Query cost \d+ exceeds the maximum of 50000$/);
      expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(await sqlQueriesSoFar(platform.subgraphUrls)).toBe(before);
  });

  it('refuses alias floods, root-field floods and huge documents over HTTP', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const roots = Array.from({ length: 11 }, (_, i) => `r${i}: me { id }`).join(' ');
    const expectations: Array<[string, RegExp, string]> = [
      [`{ me { ${aliases} } }`, /^Alias count 31 exceeds the maximum of 30$/, 'GRAPHQL_VALIDATION_FAILED'],
      [`{ ${roots} }`, /^Root field count 11 exceeds the maximum of 10$/, 'GRAPHQL_VALIDATION_FAILED'],
      [`{ ${'__typename '.repeat(6000)} }`, /5000 tokens/, 'GRAPHQL_PARSE_FAILED'],
    ];
    for (const [query, message, code] of expectations) {
      const response = await post({ query });
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as any;
      expect(errors.map((e: any) => e.extensions.code)).toContain(code);
      expect(errors.map((e: any) => e.message)).toContainEqual(expect.stringMatching(message));
    }
  });

  it('refuses a batch array, and a GET unless it carries a CSRF-preflight header', async () => {
    const batch = await post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(batch.status).toBe(400);
    const get = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ me { id } }')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const preflighted = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('serves automatic persisted queries: unknown hash, then hash with query, then hash alone', async () => {
    const query = '{ me { email } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };

    const unknown = (await (await post({ extensions })).json()) as any;
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = (await (await post({ query, extensions })).json()) as any;
    expect(registered.data.me.email).toMatch(/@crm\.example$/);
    const byHash = (await (await post({ extensions })).json()) as any;
    expect(byHash).toEqual(registered);
  });

  it('refuses a too-deep or too-costly operation over WebSocket, without asking any subgraph', async () => {
    const client = wsClient(platform.gatewayUrl, token);
    try {
      const before = await sqlQueriesSoFar(platform.subgraphUrls);
      const deep = collect(client, DEEP);
      const costly = collect(client, `subscription { dealStageChanged { opportunity { account { contacts(first: 100000) { edges { node { name } } } } } } }`);
      const costlyQuery = collect(client, COSTLY);
      await until(() => [deep, costly, costlyQuery].every((s) => s.errors.length > 0), 5_000, 'three refusals');
      const [deepErrors] = deep.errors as any[][];
      expect(deepErrors.map((e) => [e.message, e.extensions?.code])).toEqual([['Query depth 15 exceeds the maximum of 12', 'GRAPHQL_VALIDATION_FAILED']]);
      for (const refused of [costly, costlyQuery]) {
        const [errors] = refused.errors as any[][];
        expect(errors).toHaveLength(1);
        expect(errors[0].message).toMatch(/^Query cost \d+ exceeds the maximum of 50000$/);
        expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(refused.events).toEqual([]);
      }
      expect(await sqlQueriesSoFar(platform.subgraphUrls)).toBe(before);
    } finally {
      await client.dispose();
    }
  });
});
