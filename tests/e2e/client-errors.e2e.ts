import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserRole } from '@crm/kernel';
import { type Platform, postJson, startPlatform } from '@crm/testing';
import { expectNoSql, sqlQueriesSoFar, sqlWritesSoFar, tokenForSeededUser } from './platform-helpers';

/**
 * Ordinary client mistakes are answered as the client's mistakes: 4xx or a GraphQL error with a
 * client code that names what is wrong, never INTERNAL_SERVER_ERROR, and nothing runs half-way.
 * Each case below was once answered with an internal error (or worse) by the real platform.
 */
describe('client mistakes through the gateway', () => {
  let platform: Platform;
  let admin: string;
  let accountId: string;

  /** POSTs a GraphQL request to the gateway, as ADMIN unless told otherwise. */
  const post = (body: Record<string, unknown>, token = admin) => postJson(platform.gatewayUrl, body, { token });
  /** Runs `request` and checks that no subgraph ran any SQL meanwhile: refused before planning. */
  const withoutSql = <T>(request: () => Promise<T>) => expectNoSql(platform.subgraphUrls, request);
  /** Runs `request` and checks that no subgraph changed a row meanwhile. */
  const withoutWrites = async <T>(request: () => Promise<T>): Promise<T> => {
    const before = await sqlWritesSoFar(platform.subgraphUrls);
    const result = await request();
    await sqlQueriesSoFar(platform.subgraphUrls); // waits until the subgraphs are quiet
    expect(await sqlWritesSoFar(platform.subgraphUrls)).toBe(before);
    return result;
  };
  const refusedInput = (field: string, message: RegExp | string) =>
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [{ field, message: typeof message === 'string' ? message : expect.stringMatching(message) }] }),
    });

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.05 });
    admin = await tokenForSeededUser(platform.database.url, UserRole.ADMIN);
    accountId = (await post({ query: '{ accounts(first: 1) { edges { node { id } } } }' })).body.data.accounts.edges[0].node.id;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  describe('malformed custom scalars', () => {
    it('refuses each malformed date or date-time, inline or as a variable, at the root or inside an input, with 400 BAD_USER_INPUT naming the argument path, before any SQL', async () => {
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ query: '{ salesCycleStats(from: "2024-01-01", to: "2025-01-01T00:00:00Z") { won } }' }, 'from', /^must be a DateTimeISO such as .*, got "2024-01-01"$/],
        [{ query: '{ forecast(from: "2026-13-45", to: "2027-01-01", groupBy: QUARTER) { convertedTo } }' }, 'from', /^must be a LocalDate such as 2026-02-03, got "2026-13-45"$/],
        [{ query: 'query($d: LocalDate) { opportunities(filter: { expectedCloseFrom: $d }) { totalCount } }', variables: { d: '2026-02-30' } }, 'filter.expectedCloseFrom', /LocalDate/],
        [{ query: 'query($f: OpportunityFilter) { opportunities(filter: $f) { totalCount } }', variables: { f: { expectedCloseFrom: '2026-02-30' } } }, 'filter.expectedCloseFrom', /LocalDate/],
        [
          { query: 'mutation($a: ID!) { createActivity(input: { type: CALL, subject: "Budget", accountId: $a, occurredAt: "yesterday" }) { id } }', variables: { a: accountId } },
          'input.occurredAt',
          /^must be a DateTimeISO such as .*, got "yesterday"$/,
        ],
        // Nested under a root field: refused before the root field runs too.
        [{ query: '{ accounts(first: 1) { edges { node { activities(filter: { occurredFrom: "soon" }) { totalCount } } } } }' }, 'filter.occurredFrom', /DateTimeISO/],
      ];
      for (const [request, field, message] of cases) {
        const { status, body } = await withoutSql(() => post(request));
        expect(status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors).toEqual([refusedInput(field, message)]);
        expect(body.errors[0].message).toContain(field);
      }
    });

    it('runs no part of a mutation with one malformed root field: the other root field, on another subgraph, writes nothing', async () => {
      const name = `Half-way ${Date.now()}`;
      const { status, body } = await withoutWrites(() =>
        post({
          query: `mutation($a: ID!, $name: String!) {
            a: createAccount(input: { name: $name, tier: KEY }) { id }
            b: createActivity(input: { type: CALL, subject: "Budget", accountId: $a, occurredAt: "2026-02-30T00:00:00Z" }) { id }
          }`,
          variables: { a: accountId, name },
        }),
      );
      expect(status).toBe(400);
      expect(body.errors).toEqual([refusedInput('input.occurredAt', /DateTimeISO/)]);
      const found = await post({ query: 'query($s: String!) { accounts(filter: { search: $s }) { totalCount } }', variables: { s: name } });
      expect(found.body.data.accounts.totalCount).toBe(0);
    });
  });

  describe('request-level mistakes', () => {
    it('answers an operationName naming no operation, or two operations and no name, with 400 and a message saying which', async () => {
      const unknown = await withoutSql(() => post({ query: 'query A { me { id } }', operationName: 'B' }));
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ message: 'Unknown operation named "B": the document holds A', extensions: expect.objectContaining({ code: 'OPERATION_RESOLUTION_FAILURE' }) }),
      ]);
      const unnamed = await withoutSql(() => post({ query: 'query A { me { id } } query B { me { email } }' }));
      expect(unnamed.status).toBe(400);
      expect(unnamed.body.errors[0].message).toBe('The document holds 2 operations (A, B): name the one to run in `operationName`');
      const named = await post({ query: 'query A { me { id } } query B { me { email } }', operationName: 'B' });
      expect(named.body).toEqual({ data: { me: { email: 'admin@crm.example' } } });
    });

    it('answers variables of the wrong type and a missing required variable with 400 BAD_USER_INPUT naming the variable', async () => {
      const wrong = await withoutSql(() => post({ query: 'query($n: Int!) { accounts(first: $n) { totalCount } }', variables: { n: 'ten' } }));
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('Variable "$n" got invalid value "ten"'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      const missing = await withoutSql(() => post({ query: 'query($n: Int!) { accounts(first: $n) { totalCount } }' }));
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].message).toBe('Variable "$n" of required type "Int!" was not provided.');
    });
  });

  describe('tampered cursors', () => {
    const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    /** A real cursor of the list, with one part replaced. */
    const edited = (real: string, index: number, value: unknown) => {
      const parts = JSON.parse(Buffer.from(real, 'base64url').toString('utf8'));
      parts[index] = value;
      return cursor(parts);
    };

    it('refuses a cursor with a non-UUID id, an invalid date, or from another list, for every kind of list, with BAD_USER_INPUT naming `after`', async () => {
      const lists: Array<[string, string, (after: string) => string]> = [
        ['accounts', '{ accounts(first: 1) { pageInfo { endCursor } } }', (after) => `{ accounts(first: 1, after: "${after}") { totalCount } }`],
        [
          'activities',
          '{ activities(first: 1) { pageInfo { endCursor } } }',
          (after) => `{ activities(first: 1, after: "${after}") { totalCount } }`,
        ],
        [
          'opportunities',
          '{ opportunities(first: 1) { pageInfo { endCursor } } }',
          (after) => `{ opportunities(first: 1, after: "${after}") { totalCount } }`,
        ],
      ];
      for (const [name, first, paged] of lists) {
        const real: string = (await post({ query: first })).body.data[name].pageInfo.endCursor;
        const ok = await post({ query: paged(real) });
        expect(ok.body.errors).toBeUndefined();
        for (const bad of [edited(real, 2, 'not-a-uuid'), edited(real, 1, name === 'accounts' ? 7 : '2026-02-30T00:00:00Z'), edited(real, 0, 'contact.lastName ASC'), 'garbage!']) {
          const { status, body } = await post({ query: paged(bad) });
          expect(status).toBe(200);
          expect(body.errors).toEqual([expect.objectContaining({ path: [name], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field: 'after' })] }) })]);
        }
      }
      // A nested list: the contacts of an account.
      const pages = await post({ query: '{ accounts(first: 50) { edges { node { id contacts(first: 1) { pageInfo { endCursor } } } } } }' });
      const owner = pages.body.data.accounts.edges.find((e: any) => e.node.contacts.pageInfo.endCursor).node;
      for (const bad of [edited(owner.contacts.pageInfo.endCursor, 2, 'x'), edited(owner.contacts.pageInfo.endCursor, 0, 'account.name ASC')]) {
        const { body } = await post({ query: `{ account(id: "${owner.id}") { contacts(first: 1, after: "${bad}") { totalCount } } }` });
        expect(body.errors).toEqual([expect.objectContaining({ path: ['account', 'contacts'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      }
    });
  });

  describe('NUL characters', () => {
    it('refuses a NUL in any string argument with 400 BAD_USER_INPUT naming the field, and writes nothing', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ query: '{ accounts(filter: { search: "a\\u0000b" }) { totalCount } }' }, 'filter.search'],
        [{ query: 'mutation($n: String!) { createAccount(input: { name: $n, tier: KEY }) { id } }', variables: { n: 'Acme\u0000' } }, 'input.name'],
        [{ query: 'mutation($a: ID!) { createActivity(input: { type: CALL, subject: "Bud\\u0000get", accountId: $a }) { id } }', variables: { a: accountId } }, 'input.subject'],
      ];
      for (const [request, field] of cases) {
        const { status, body } = await withoutWrites(() => post(request));
        expect(status).toBe(400);
        expect(body.errors).toEqual([refusedInput(field, 'must not contain the NUL character (\\u0000)')]);
      }
    });
  });

  describe('a subgraph that refuses a request with HTTP 4xx', () => {
    let impostor: Server | undefined;
    // Puts the real activities subgraph back should the test fail half-way.
    afterAll(async () => {
      if (!impostor) return;
      await new Promise((resolve) => impostor!.close(resolve));
      await platform.launch('activities');
    });

    it('surfaces its errors as the client error they are, with the path of the refused field, while other fields keep their data', async () => {
      // Activities answers every request with 400 and a GraphQL error, as a subgraph whose own validation refuses it would.
      const { port } = new URL(platform.subgraphUrls.activities);
      await platform.halt('activities');
      impostor = createServer((req, res) => {
        req.resume().on('end', () => {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: 'Variable "$at" got invalid value', extensions: { code: 'BAD_USER_INPUT' } }] }));
        });
      });
      await new Promise<void>((resolve) => impostor!.listen(Number(port), '127.0.0.1', resolve));
      expect((impostor.address() as AddressInfo).port).toBe(Number(port));
      const { status, body } = await post({ query: `{ me { email } activity(id: "${accountId}") { id } }` });
      expect(status).toBe(200);
      expect(body.data).toEqual({ me: { email: 'admin@crm.example' }, activity: null });
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Variable "$at" got invalid value', path: ['activity'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      await new Promise((resolve) => impostor!.close(resolve));
      impostor = undefined;
      await platform.launch('activities');
    });
  });

  describe('the export route', () => {
    it('answers 404 for any path that walks out of an export route, without forwarding it to a subgraph', async () => {
      const walks = ['/exports/segments/..\\..\\metrics', '/exports/segments/..\\..\\graphql', '/exports/segments/%2e%2e%2f%2e%2e%2fmetrics', '/exports/segments/..%2F..%2Fgraphql', '/exports/segments/../../metrics', '/exports/metrics', '/exports/segments/a/b.csv'];
      const origin = new URL(platform.gatewayUrl);
      for (const path of walks) {
        // A raw request: fetch would normalise `..` and `\` before sending.
        const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const request = httpRequest({ host: origin.hostname, port: origin.port, path, method: 'GET', headers: { authorization: `Bearer ${admin}` } }, (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          });
          request.on('error', reject);
          request.end();
        });
        expect([path, answer.status]).toEqual([path, 404]);
        expect(JSON.parse(answer.text).errors[0]).toMatchObject({ message: expect.stringContaining('There is no export at this path'), extensions: { code: 'NOT_FOUND' } });
      }
    });
  });

  it('describes the root types Query, Mutation and Subscription for the docs explorer', async () => {
    const { body } = await post({ query: '{ __schema { queryType { description } mutationType { description } subscriptionType { description } } }' });
    for (const root of ['queryType', 'mutationType', 'subscriptionType']) expect(body.data.__schema[root].description).toMatch(/^\w.{40,}/);
  });
});
