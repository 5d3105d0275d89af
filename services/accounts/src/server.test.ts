import 'reflect-metadata';
import { dbQueriesTotal, gatewaySignatureHeaders, readConfig, signGatewayRequest } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { postJson, signedRequestHeaders, startServiceUnderTest, TEST_GATEWAY_SIGNING_SECRET, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

describe('accounts subgraph against a real PostgreSQL', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let token: string;
  const call = (query: string, variables?: Record<string, unknown>) => service.as(token).call(query, variables);

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    const team = await service.handle.db.query(`INSERT INTO accounts.teams (name) VALUES ('Enterprise') RETURNING id`);
    const [admin] = await service.handle.db.query(
      `INSERT INTO accounts.users (email, first_name, last_name, role, team_id) VALUES ('admin@crm.example', 'Ada', 'Admin', 'ADMIN', $1) RETURNING id`,
      [team[0].id],
    );
    token = await testToken({ userId: admin.id });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('refuses requests without a valid bearer token', async () => {
    const response = await service.as(undefined).call('{ accounts { totalCount } }');
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await service.as(`${token.slice(0, -4)}AAAA`).call('{ accounts { totalCount } }');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates an account owned by the caller and reads it back', async () => {
    const created = await call(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id name tier market annualRevenue { amount currency } owner { email } version } }`,
      { input: { name: 'Globex', domain: 'globex.com', tier: 'KEY', annualRevenue: { amount: '1250000.50', currency: 'eur' } } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createAccount).toMatchObject({
      name: 'Globex',
      tier: 'KEY',
      market: 'BUSINESS',
      annualRevenue: { amount: '1250000.50', currency: 'EUR' },
      owner: { email: 'admin@crm.example' },
      version: 1,
    });
    const read = await call(`query($id: ID!) { account(id: $id) { name } }`, { id: created.data.createAccount.id });
    expect(read.data.account.name).toBe('Globex');
  });

  it('answers bad input with BAD_USER_INPUT naming each field and writes nothing', async () => {
    const before = await call('{ accounts { totalCount } }');
    const response = await call(`mutation { createAccount(input: { name: "", domain: "not a domain", employeeCount: -1 }) { id } }`);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = response.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'domain', 'employeeCount']));
    expect(JSON.stringify(response)).not.toMatch(/stack|SELECT|INSERT/);
    const after = await call('{ accounts { totalCount } }');
    expect(after.data.accounts.totalCount).toBe(before.data.accounts.totalCount);
  });

  it('refuses a parent that would make the hierarchy loop', async () => {
    const make = async (name: string, parentId?: string) =>
      (await call(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name, parentId } })).data.createAccount.id;
    const group = await make('Group');
    const subsidiary = await make('Subsidiary', group);
    const response = await call(`mutation($id: ID!, $parent: ID) { updateAccount(id: $id, input: { parentId: $parent }) { id } }`, { id: group, parent: subsidiary });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(response.errors?.[0].message).toContain('input.parentId');
    const children = await call(`query($id: ID!) { account(id: $id) { children { totalCount edges { node { name parent { name } } } } } }`, { id: group });
    expect(children.data.account.children).toEqual({ totalCount: 1, edges: [{ node: { name: 'Subsidiary', parent: { name: 'Group' } } }] });
  });

  it('refuses a stale expectedVersion with CONFLICT and the current version', async () => {
    const { data } = await call(`mutation { createAccount(input: { name: "Initech" }) { id version } }`);
    const update = (expectedVersion: number, name: string) =>
      call(`mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { name version } }`, {
        id: data.createAccount.id,
        input: { name, expectedVersion },
      });
    expect((await update(1, 'Initech Ltd')).data.updateAccount).toEqual({ name: 'Initech Ltd', version: 2 });
    const stale = await update(1, 'Initech Inc');
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('pages through a filtered list with cursors, without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await call(`mutation($n: String!) { createAccount(input: { name: $n, tier: STRATEGIC }) { id } }`, { n: `Paged ${i}` });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await call(
        `query($after: String) { accounts(first: 3, after: $after, filter: { tier: STRATEGIC, search: "paged" }) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(page.data.accounts.totalCount).toBe(7);
      seen.push(...page.data.accounts.edges.map((e: any) => e.node.name));
      after = page.data.accounts.pageInfo.hasNextPage ? page.data.accounts.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Paged ${i}`));
  });

  it('pages by creation time, newest first, without repeats (cursors keep full timestamp precision)', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await call(
        `query($after: String) { accounts(first: 2, after: $after, filter: { search: "paged" }, orderBy: { field: CREATED_AT, direction: DESC }) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...page.data.accounts.edges.map((e: any) => e.node.name));
      after = page.data.accounts.pageInfo.hasNextPage ? page.data.accounts.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `Paged ${i}`));
  });

  it('refuses a page larger than the documented maximum', async () => {
    const response = await call('{ accounts(first: 101) { totalCount } }');
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads nested contacts of many accounts in a constant number of queries', async () => {
    const accounts = [];
    for (let i = 0; i < 12; i++) {
      const { data } = await call(`mutation($n: String!) { createAccount(input: { name: $n, lifecycle: CUSTOMER }) { id } }`, { n: `Batch ${i}` });
      accounts.push(data.createAccount.id);
      await call(`mutation($a: ID!) { createContact(input: { accountId: $a, firstName: "Pat", lastName: "Lee", email: "pat@example.com" }) { id } }`, { a: data.createAccount.id });
    }
    const queriesFor = async (first: number) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      const response = await call(
        `query($first: Int!) { accounts(first: $first, filter: { lifecycle: CUSTOMER }) { edges { node { name owner { name team { name } } contacts(first: 2) { totalCount edges { node { name account { name } } } } } } } }`,
        { first },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.accounts.edges).toHaveLength(first);
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    expect(await queriesFor(12)).toBe(await queriesFor(3));
  });

  it('resolves entity references for other subgraphs in one batch', async () => {
    const { data } = await call(`mutation { createAccount(input: { name: "Umbrella" }) { id } }`);
    const response = await call(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { name } ... on User { email } } }`,
      { reps: [{ __typename: 'Account', id: data.createAccount.id }, { __typename: 'User', id: (await call('{ me { id } }')).data.me.id }] },
    );
    expect(response.data._entities).toEqual([{ name: 'Umbrella' }, { email: 'admin@crm.example' }]);
  });

  it('refuses unsigned, wrongly signed and stale requests with 401 before any SQL, _entities and _service included', async () => {
    const { data } = await call(`mutation { createAccount(input: { name: "Hooli" }) { id } }`);
    const entities = JSON.stringify({
      query: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { name } } }`,
      variables: { reps: [{ __typename: 'Account', id: data.createAccount.id }] },
    });
    const sdl = JSON.stringify({ query: '{ _service { sdl } }' });
    const accounts = JSON.stringify({ query: '{ accounts { totalCount } }' });
    const post = (body: string, headers: Record<string, string> = {}) => postJson(service.url, body, { token, headers });
    const stale = signGatewayRequest(TEST_GATEWAY_SIGNING_SECRET, { method: 'POST', path: '/graphql', body: accounts }, Date.now() - 61_000);
    const before = (await dbQueriesTotal.get()).values[0].value;
    for (const [body, headers] of [
      [entities, {}],
      [sdl, {}],
      [accounts, {}],
      [accounts, signedRequestHeaders(service.url, accounts, 'not-the-gateway-secret')],
      [accounts, signedRequestHeaders(service.url, sdl)],
      [accounts, gatewaySignatureHeaders(stale)],
    ] as const) {
      const response = await post(body, headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errors: [{ message: 'Requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect((await dbQueriesTotal.get()).values[0].value).toBe(before);
    // The same requests, signed, go through; the probes need no signature.
    expect((await post(entities, signedRequestHeaders(service.url, entities))).body.data._entities).toEqual([{ name: 'Hooli' }]);
    expect((await post(sdl, signedRequestHeaders(service.url, sdl))).body.data._service.sdl).toContain('type Account');
    expect((await fetch(new URL('/ready', service.url))).status).toBe(200);
  });
});

describe('accounts configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x', PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ DATABASE_URL: 'postgres://x', NODE_ENV: 'production' }, {})).toThrow(/JWT_SECRET/);
  });
});
