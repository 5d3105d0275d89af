import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { consumedUpTo, MemoryEventLog, serveEventLog, signedGet, startServiceUnderTest, startStubSubgraph, testToken, type ServiceUnderTest, type StubSubgraph } from '@crm/testing';
import { parse } from 'csv-parse/sync';
import { buildSchema } from 'graphql';
import { loadConfig } from '../config';
import { OPEN_PIPELINE_CONSUMER, type OpenPipelineEvent } from '../interactions/open-pipeline.consumer';
import { EXPORT_BATCH_SIZE } from './segment-csv.route';
import { start } from '../server';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY - 60_000).toISOString();

/** The opportunities subgraph's open-pipeline stream, as the accounts consumer selects it. */
const OPPORTUNITIES_SDL = `
  type Ref { id: ID! }
  type Money { amount: String! currency: String! }
  type Share { owner: Ref! team: Ref amount: Money! }
  type OpenPipelineChange { cursor: String! account: Ref! shares: [Share!]! recordedAt: String! }
  type Query { ok: String }
  type Subscription { openPipelineChanged(after: String): OpenPipelineChange! }
`;

const PREVIEW = `query($rules: SegmentRulesInput!, $first: Int) { segmentPreview(rules: $rules, first: $first) { memberCount members { name } } }`;
const CREATE = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id name version memberCount rules { all { field operator values currency } any { field } } createdBy { email } } }`;
const MEMBERS = `query($id: ID!, $first: Int, $after: String) { segment(id: $id) { memberCount members(first: $first, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } } }`;

type Condition = { field: string; operator: string; values?: string[]; currency?: string };

describe('segments: saved rule sets over accounts, evaluated in SQL, against a real PostgreSQL', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let opportunities: StubSubgraph;
  let admin: string;
  let olga: string;
  let analyst: string;
  const log = new MemoryEventLog<Omit<OpenPipelineEvent, 'cursor'>>();
  const ids: Record<string, string> = {};
  const users: Record<string, string> = {};
  let teamId: string;

  const call = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).call(query, variables);
  const ok = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).ok(query, variables);
  const preview = async (all: Condition[], any: Condition[] = [], token = admin) => {
    const data = await ok(PREVIEW, { rules: { all, any }, first: 100 }, token);
    const { memberCount, members } = data.segmentPreview;
    expect(members).toHaveLength(memberCount);
    return members.map((m: { name: string }) => m.name) as string[];
  };
  const consumed = (cursor: string) => consumedUpTo(service.handle.db, 'accounts', OPEN_PIPELINE_CONSUMER, cursor);
  const share = (owner: string, currency: string, amount: string, team: string | null = null) => ({
    owner: { id: owner },
    team: team ? { id: team } : null,
    amount: { amount, currency },
  });
  const pipeline = (account: string, shares: ReturnType<typeof share>[]) => log.append({ account: { id: ids[account]! }, shares, recordedAt: new Date().toISOString() });
  /** GETs a path of the subgraph as `token`, signed as the gateway signs it unless `signed` is false. */
  const get = (path: string, token?: string, signed = true) => signedGet(service.url, path, { token, signed });

  beforeAll(async () => {
    opportunities = await startStubSubgraph(serveEventLog(buildSchema(OPPORTUNITIES_SDL), 'openPipelineChanged', log));
    service = await startServiceUnderTest({ loadConfig, start, env: { OPPORTUNITIES_URL: opportunities.url, ACTIVITIES_URL: 'http://127.0.0.1:9/graphql' } });
    const db = service.handle.db;
    [{ id: teamId }] = await db.query(`INSERT INTO accounts.teams (name) VALUES ('Consumer sales') RETURNING id`);
    for (const [name, role, team] of [
      ['olga', 'REP', teamId],
      ['rolf', 'REP', null],
      ['mia', 'MANAGER', teamId],
      ['ann', 'ANALYST', null],
    ] as const) {
      const [row] = await db.query(`INSERT INTO accounts.users (email, first_name, last_name, role, team_id) VALUES ($1, $2, 'Tester', $3, $4) RETURNING id`, [
        `${name}@crm.example`,
        name,
        role,
        team,
      ]);
      users[name] = row.id;
    }
    admin = await testToken({ role: UserRole.ADMIN });
    olga = await testToken({ userId: users.olga, email: 'olga@crm.example', role: UserRole.REP, teamId });
    analyst = await testToken({ userId: users.ann, email: 'ann@crm.example', role: UserRole.ANALYST });

    // name, market, tier, lifecycle, industry, country, revenue, currency, employees, created_at
    const accounts: [string, string, string, string, string | null, string | null, string | null, string | null, number | null, string | null][] = [
      ['Anna Household', 'CONSUMER', 'STANDARD', 'CUSTOMER', null, 'DE', null, null, null, '2024-01-15T10:00:00Z'],
      ['Berg Family', 'CONSUMER', 'STANDARD', 'PROSPECT', null, null, null, null, null, '2024-06-01T00:00:00Z'],
      ['Chen, "Home"', 'CONSUMER', 'KEY', 'CUSTOMER', null, 'AT', null, null, null, '2025-01-01T00:00:00Z'],
      ['Dora Retail GmbH', 'BUSINESS', 'STRATEGIC', 'CUSTOMER', 'Retail', 'DE', '5000000.00', 'EUR', 250, null],
      ['Eagle Manufacturing', 'BUSINESS', 'KEY', 'CUSTOMER', 'Manufacturing', 'US', '2000000.00', 'USD', 40, null],
      ['Fjord Foods', 'BUSINESS', 'STANDARD', 'FORMER_CUSTOMER', 'Food retail', 'NO', '800000.00', 'EUR', 12, null],
      ['Gone Household', 'CONSUMER', 'STANDARD', 'CUSTOMER', null, 'DE', null, null, null, null],
    ];
    for (const [name, market, tier, lifecycle, industry, country, revenue, currency, employees, createdAt] of accounts) {
      const [row] = await db.query(
        `INSERT INTO accounts.accounts (name, market, tier, lifecycle, industry, country, annual_revenue_amount, annual_revenue_currency, employee_count, owner_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11::timestamptz, now())) RETURNING id`,
        [name, market, tier, lifecycle, industry, country, revenue, currency, employees, users.olga, createdAt],
      );
      ids[name] = row.id;
    }
    await db.query(`UPDATE accounts.accounts SET deleted_at = now() WHERE id = $1`, [ids['Gone Household']]);
    // Contacts: Anna and Chen reachable by e-mail, Berg by phone only; Dora's one contact has an e-mail, a deleted one a phone.
    for (const [account, first, email, phone, deleted] of [
      ['Anna Household', 'Anna', 'anna@example.com', '+49 30 123', false],
      ['Berg Family', 'Bert', null, '+49 40 456', false],
      ['Chen, "Home"', 'Li', 'li.chen@example.com', null, false],
      ['Dora Retail GmbH', 'Dora', 'dora@dora-retail.example', null, false],
      ['Eagle Manufacturing', 'Ed', null, '+1 555 0100', true],
      ['Gone Household', 'Gus', 'gus@example.com', null, false],
    ] as const) {
      await db.query(
        `INSERT INTO accounts.contacts (account_id, first_name, last_name, email, phone, deleted_at) VALUES ($1, $2, 'Contact', $3, $4, CASE WHEN $5 THEN now() END)`,
        [ids[account], first, email, phone, deleted],
      );
    }
    // Last interactions as replicated from activities: Eagle's planned meeting of 5 days ago has taken place.
    for (const [account, last, next] of [
      ['Anna Household', ago(10), null],
      ['Chen, "Home"', ago(100), null],
      ['Dora Retail GmbH', ago(45), new Date(Date.now() + 3 * DAY).toISOString()],
      ['Eagle Manufacturing', null, ago(5)],
      ['Gone Household', ago(1), null],
    ] as const) {
      await db.query(`INSERT INTO accounts.account_interactions (account_id, last_interaction_at, next_interaction_at) VALUES ($1, $2, $3)`, [ids[account], last, next]);
    }
    // Open pipelines as the opportunities subgraph reports them: Dora 30 000 EUR of Olga's (her team) + 20 000 EUR of Rolf's + 1 000 USD of Olga's;
    // Eagle 70 000 USD of Rolf's; Anna 500 EUR, then her deal closes.
    pipeline('Dora Retail GmbH', [share(users.olga!, 'EUR', '30000.00', teamId), share(users.rolf!, 'EUR', '20000.00'), share(users.olga!, 'USD', '1000.00', teamId)]);
    pipeline('Eagle Manufacturing', [share(users.rolf!, 'USD', '70000.00')]);
    pipeline('Anna Household', [share(users.olga!, 'EUR', '500.00', teamId)]);
    await consumed(pipeline('Anna Household', []));
  });

  afterAll(async () => {
    await service?.stop();
    await opportunities?.stop();
  });

  it('replicates each account\'s open pipeline per owner, team and currency from openPipelineChanged, each event replacing the last', async () => {
    const rows = await service.handle.db.query(
      `SELECT a.name, p.currency, p.amount::text AS amount, p.owner_id = $1 AS olgas FROM accounts.account_open_pipeline p JOIN accounts.accounts a ON a.id = p.account_id ORDER BY a.name, p.currency, p.amount`,
      [users.olga],
    );
    expect(rows).toEqual([
      { name: 'Dora Retail GmbH', currency: 'EUR', amount: '20000.00', olgas: false },
      { name: 'Dora Retail GmbH', currency: 'EUR', amount: '30000.00', olgas: true },
      { name: 'Dora Retail GmbH', currency: 'USD', amount: '1000.00', olgas: true },
      { name: 'Eagle Manufacturing', currency: 'USD', amount: '70000.00', olgas: false },
    ]);
  });

  it.each<[string, Condition[], Condition[], string[]]>([
    ['MARKET EQ', [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }], [], ['Anna Household', 'Berg Family', 'Chen, "Home"']],
    ['MARKET NEQ', [{ field: 'MARKET', operator: 'NEQ', values: ['CONSUMER'] }], [], ['Dora Retail GmbH', 'Eagle Manufacturing', 'Fjord Foods']],
    ['TIER IN', [{ field: 'TIER', operator: 'IN', values: ['KEY', 'STRATEGIC'] }], [], ['Chen, "Home"', 'Dora Retail GmbH', 'Eagle Manufacturing']],
    ['LIFECYCLE NOT_IN', [{ field: 'LIFECYCLE', operator: 'NOT_IN', values: ['CUSTOMER'] }], [], ['Berg Family', 'Fjord Foods']],
    ['INDUSTRY CONTAINS (any case)', [{ field: 'INDUSTRY', operator: 'CONTAINS', values: ['RETAIL'] }], [], ['Dora Retail GmbH', 'Fjord Foods']],
    ['INDUSTRY EQ (any case)', [{ field: 'INDUSTRY', operator: 'EQ', values: ['retail'] }], [], ['Dora Retail GmbH']],
    ['INDUSTRY NEQ (not set counts as not equal)', [{ field: 'INDUSTRY', operator: 'NEQ', values: ['Retail'] }], [], ['Anna Household', 'Berg Family', 'Chen, "Home"', 'Eagle Manufacturing', 'Fjord Foods']],
    ['INDUSTRY IS_NOT_SET', [{ field: 'INDUSTRY', operator: 'IS_NOT_SET' }], [], ['Anna Household', 'Berg Family', 'Chen, "Home"']],
    ['COUNTRY IN', [{ field: 'COUNTRY', operator: 'IN', values: ['de', 'AT'] }], [], ['Anna Household', 'Chen, "Home"', 'Dora Retail GmbH']],
    ['COUNTRY NOT_IN (not set counts)', [{ field: 'COUNTRY', operator: 'NOT_IN', values: ['DE', 'AT'] }], [], ['Berg Family', 'Eagle Manufacturing', 'Fjord Foods']],
    ['COUNTRY IS_SET', [{ field: 'COUNTRY', operator: 'IS_SET' }], [], ['Anna Household', 'Chen, "Home"', 'Dora Retail GmbH', 'Eagle Manufacturing', 'Fjord Foods']],
    ['ANNUAL_REVENUE GT in EUR (USD revenue never matches)', [{ field: 'ANNUAL_REVENUE', operator: 'GT', values: ['1000000'], currency: 'EUR' }], [], ['Dora Retail GmbH']],
    ['ANNUAL_REVENUE BETWEEN', [{ field: 'ANNUAL_REVENUE', operator: 'BETWEEN', values: ['500000', '800000'], currency: 'EUR' }], [], ['Fjord Foods']],
    ['ANNUAL_REVENUE EQ in USD', [{ field: 'ANNUAL_REVENUE', operator: 'EQ', values: ['2000000.00'], currency: 'USD' }], [], ['Eagle Manufacturing']],
    ['ANNUAL_REVENUE IS_SET', [{ field: 'ANNUAL_REVENUE', operator: 'IS_SET' }], [], ['Dora Retail GmbH', 'Eagle Manufacturing', 'Fjord Foods']],
    ['EMPLOYEE_COUNT GTE', [{ field: 'EMPLOYEE_COUNT', operator: 'GTE', values: ['40'] }], [], ['Dora Retail GmbH', 'Eagle Manufacturing']],
    ['EMPLOYEE_COUNT LT (not set never matches)', [{ field: 'EMPLOYEE_COUNT', operator: 'LT', values: ['40'] }], [], ['Fjord Foods']],
    ['EMPLOYEE_COUNT LTE', [{ field: 'EMPLOYEE_COUNT', operator: 'LTE', values: ['12'] }], [], ['Fjord Foods']],
    ['EMPLOYEE_COUNT NEQ (not set counts)', [{ field: 'EMPLOYEE_COUNT', operator: 'NEQ', values: ['40'] }], [], ['Anna Household', 'Berg Family', 'Chen, "Home"', 'Dora Retail GmbH', 'Fjord Foods']],
    ['EMPLOYEE_COUNT BETWEEN', [{ field: 'EMPLOYEE_COUNT', operator: 'BETWEEN', values: ['10', '40'] }], [], ['Eagle Manufacturing', 'Fjord Foods']],
    ['LAST_INTERACTION_DAYS LTE (a planned meeting that took place counts)', [{ field: 'LAST_INTERACTION_DAYS', operator: 'LTE', values: ['30'] }], [], ['Anna Household', 'Eagle Manufacturing']],
    ['LAST_INTERACTION_DAYS GT', [{ field: 'LAST_INTERACTION_DAYS', operator: 'GT', values: ['30'] }], [], ['Chen, "Home"', 'Dora Retail GmbH']],
    ['LAST_INTERACTION_DAYS EQ', [{ field: 'LAST_INTERACTION_DAYS', operator: 'EQ', values: ['10'] }], [], ['Anna Household']],
    ['LAST_INTERACTION_DAYS BETWEEN', [{ field: 'LAST_INTERACTION_DAYS', operator: 'BETWEEN', values: ['45', '100'] }], [], ['Chen, "Home"', 'Dora Retail GmbH']],
    ['LAST_INTERACTION_DAYS IS_NOT_SET (never contacted)', [{ field: 'LAST_INTERACTION_DAYS', operator: 'IS_NOT_SET' }], [], ['Berg Family', 'Fjord Foods']],
    ['OPEN_PIPELINE GT in EUR', [{ field: 'OPEN_PIPELINE', operator: 'GT', values: ['40000'], currency: 'EUR' }], [], ['Dora Retail GmbH']],
    ['OPEN_PIPELINE LT (no open deals in the currency is 0)', [{ field: 'OPEN_PIPELINE', operator: 'LT', values: ['100'], currency: 'EUR' }], [], ['Anna Household', 'Berg Family', 'Chen, "Home"', 'Eagle Manufacturing', 'Fjord Foods']],
    ['OPEN_PIPELINE BETWEEN in USD', [{ field: 'OPEN_PIPELINE', operator: 'BETWEEN', values: ['500', '1500'], currency: 'USD' }], [], ['Dora Retail GmbH']],
    ['OPEN_PIPELINE IS_SET', [{ field: 'OPEN_PIPELINE', operator: 'IS_SET' }], [], ['Dora Retail GmbH', 'Eagle Manufacturing']],
    ['OPEN_PIPELINE IS_NOT_SET', [{ field: 'OPEN_PIPELINE', operator: 'IS_NOT_SET' }], [], ['Anna Household', 'Berg Family', 'Chen, "Home"', 'Fjord Foods']],
    ['CREATED_AT LT a date', [{ field: 'CREATED_AT', operator: 'LT', values: ['2024-06-01'] }], [], ['Anna Household']],
    ['CREATED_AT BETWEEN two dates', [{ field: 'CREATED_AT', operator: 'BETWEEN', values: ['2024-01-01', '2024-12-31'] }], [], ['Anna Household', 'Berg Family']],
    ['CREATED_AT GTE a date-time', [{ field: 'CREATED_AT', operator: 'GTE', values: ['2025-01-01T00:00:00Z'] }], [], ['Chen, "Home"', 'Dora Retail GmbH', 'Eagle Manufacturing', 'Fjord Foods']],
    ['CONTACT_EMAIL IS_SET', [{ field: 'CONTACT_EMAIL', operator: 'IS_SET' }], [], ['Anna Household', 'Chen, "Home"', 'Dora Retail GmbH']],
    ['CONTACT_PHONE IS_SET (deleted contacts never count)', [{ field: 'CONTACT_PHONE', operator: 'IS_SET' }], [], ['Anna Household', 'Berg Family']],
    ['CONTACT_EMAIL IS_NOT_SET', [{ field: 'CONTACT_EMAIL', operator: 'IS_NOT_SET' }], [], ['Berg Family', 'Eagle Manufacturing', 'Fjord Foods']],
    [
      'all and any together: consumers quiet for over 30 days or never contacted',
      [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }],
      [{ field: 'LAST_INTERACTION_DAYS', operator: 'GT', values: ['30'] }, { field: 'LAST_INTERACTION_DAYS', operator: 'IS_NOT_SET' }],
      ['Berg Family', 'Chen, "Home"'],
    ],
    ['only `any`', [], [{ field: 'TIER', operator: 'EQ', values: ['STRATEGIC'] }, { field: 'COUNTRY', operator: 'EQ', values: ['NO'] }], ['Dora Retail GmbH', 'Fjord Foods']],
  ])('%s selects exactly the hand-computed accounts (deleted ones never)', async (_name, all, any, expected) => {
    expect(await preview(all, any)).toEqual(expected);
  });

  it('counts open pipeline over the deals the caller may read only: a REP sees their own and their team\'s', async () => {
    const over = [{ field: 'OPEN_PIPELINE', operator: 'GTE', values: ['30000'], currency: 'EUR' }];
    expect(await preview(over)).toEqual(['Dora Retail GmbH']);
    expect(await preview([{ ...over[0]!, values: ['40000'] }], [], olga)).toEqual([]);
    expect(await preview(over, [], olga)).toEqual(['Dora Retail GmbH']);
    expect(await preview([{ field: 'OPEN_PIPELINE', operator: 'IS_SET' }], [], olga)).toEqual(['Dora Retail GmbH']);
    // A MANAGER and an ANALYST read every deal.
    expect(await preview([{ ...over[0]!, values: ['40000'] }], [], analyst)).toEqual(['Dora Retail GmbH']);
  });

  it('saves a segment whose memberCount and members equal the preview, paged by name with keyset cursors', async () => {
    const rules = { all: [{ field: 'MARKET', operator: 'EQ', values: ['consumer'] }], any: [] };
    const created = await call(CREATE, { input: { name: 'Consumers', description: 'Every household', rules } });
    expect(created.errors).toBeUndefined();
    expect(created.data.createSegment).toMatchObject({
      name: 'Consumers',
      version: 1,
      memberCount: 3,
      rules: { all: [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'], currency: null }], any: [] },
      createdBy: null,
    });
    const id = created.data.createSegment.id;
    const first = await call(MEMBERS, { id, first: 2 });
    expect(first.data.segment.members.totalCount).toBe(3);
    expect(first.data.segment.members.edges.map((e: any) => e.node.name)).toEqual(['Anna Household', 'Berg Family']);
    const rest = await call(MEMBERS, { id, first: 2, after: first.data.segment.members.pageInfo.endCursor });
    expect(rest.data.segment.members.edges.map((e: any) => e.node.name)).toEqual(['Chen, "Home"']);
    expect(rest.data.segment.members.pageInfo.hasNextPage).toBe(false);
    // Members are live: a new consumer joins at once.
    await call(`mutation { createAccount(input: { name: "Zeta Home", market: CONSUMER, ownerId: "${users.olga}" }) { id } }`);
    expect((await call(MEMBERS, { id, first: 0 })).data.segment.memberCount).toBe(4);
    const listed = await call(`{ segments(first: 10) { totalCount edges { node { name description } } } }`, {}, analyst);
    expect(listed.data.segments.edges.map((e: any) => e.node)).toContainEqual({ name: 'Consumers', description: 'Every household' });
  });

  it('refuses bad rules with BAD_USER_INPUT naming the field or operator and what is allowed, and saves nothing', async () => {
    const before = (await service.handle.db.query(`SELECT count(*)::int AS n FROM accounts.segments`))[0].n;
    const bad = await call(CREATE, {
      input: {
        name: 'Bad',
        rules: {
          all: [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }, { field: 'TIER', operator: 'IN', values: ['KEY'] }, { field: 'ANNUAL_REVENUE', operator: 'CONTAINS', values: ['1'] }],
          any: [{ field: 'OPEN_PIPELINE', operator: 'GT', values: ['100'] }],
        },
      },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'input.rules.all.2.operator', message: 'ANNUAL_REVENUE does not take CONTAINS; allowed: EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET' },
      { field: 'input.rules.any.0.currency', message: expect.stringContaining('needs a currency') },
    ]);
    expect(bad.errors?.[0]?.message).toContain('input.rules.all.2.operator');
    const preview = await call(PREVIEW, { rules: { all: [{ field: 'MARKET', operator: 'IN', values: ['CONSUMER', 'B2C'] }] } });
    expect(preview.errors?.[0]?.extensions?.problems).toEqual([{ field: 'rules.all.0.values.1', message: 'MARKET: expected one of BUSINESS, CONSUMER, got "B2C"' }]);
    // An enum value GraphQL itself does not know is refused before any resolver.
    const unknown = await call(PREVIEW, { rules: { all: [{ field: 'SHOE_SIZE', operator: 'EQ', values: ['42'] }] } });
    expect(unknown.errors?.[0]?.message).toMatch(/SHOE_SIZE/);
    expect((await service.handle.db.query(`SELECT count(*)::int AS n FROM accounts.segments`))[0].n).toBe(before);
  });

  it('checks saved rules again when evaluating them: a rule set that no longer validates fails clearly, and can still be read and fixed', async () => {
    const created = await call(CREATE, { input: { name: 'Old rules', rules: { all: [{ field: 'TIER', operator: 'EQ', values: ['KEY'] }] } } });
    const id = created.data.createSegment.id;
    // As if saved by an older version that allowed TIER GT.
    await service.handle.db.query(`UPDATE accounts.segments SET rules = '{"all":[{"field":"TIER","operator":"GT","values":["KEY"],"currency":null}],"any":[]}' WHERE id = $1`, [id]);
    const read = await call(`query($id: ID!) { segment(id: $id) { name rules { all { operator } } memberCount } }`, { id });
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(read.errors?.[0]?.message).toContain('Segment "Old rules"');
    expect(read.errors?.[0]?.extensions?.problems).toEqual([{ field: 'segment.rules.all.0.operator', message: 'TIER does not take GT; allowed: EQ, NEQ, IN, NOT_IN' }]);
    const response = await get(`/exports/segments/${id}.csv`, admin);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const fixed = await call(`mutation($id: ID!) { updateSegment(id: $id, input: { rules: { all: [{ field: TIER, operator: IN, values: ["KEY"] }] } }, expectedVersion: 1) { version memberCount } }`, { id });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.updateSegment).toEqual({ version: 2, memberCount: 2 });
  });

  it('counts the members of every listed segment in one SQL query, each equal to its members\' totalCount', async () => {
    const sqlSoFar = async () => Number(/^crm_db_queries_total (\d+)/m.exec(await (await fetch(new URL('/metrics', service.url))).text())![1]);
    const rules = [
      { all: [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }] },
      { any: [{ field: 'TIER', operator: 'IN', values: ['KEY', 'STRATEGIC'] }, { field: 'LAST_INTERACTION_DAYS', operator: 'GT', values: ['30'] }] },
      { all: [{ field: 'LAST_INTERACTION_DAYS', operator: 'IS_NOT_SET', values: [] }] },
      { all: [{ field: 'OPEN_PIPELINE', operator: 'GTE', values: ['1'], currency: 'EUR' }, { field: 'COUNTRY', operator: 'NEQ', values: ['FR'] }] },
    ];
    for (const [index, rule] of rules.entries()) {
      const created = await call(CREATE, { input: { name: `Batch ${index}`, rules: { all: [], any: [], ...rule } } });
      expect(created.errors).toBeUndefined();
    }
    const LIST = `{ segments(first: 100) { edges { node { name memberCount members(first: 0) { totalCount } } } } }`;
    const listed = await call(LIST);
    expect(listed.errors).toBeUndefined();
    const nodes = listed.data.segments.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(rules.length);
    for (const node of nodes) expect([node.name, node.memberCount]).toEqual([node.name, node.members.totalCount]);
    expect(nodes.filter((n: any) => n.name.startsWith('Batch ')).map((n: any) => n.memberCount).some((n: number) => n > 0)).toBe(true);

    // memberCount adds exactly one statement to the list, however many segments it holds.
    const cost = async (query: string) => {
      const before = await sqlSoFar();
      expect((await call(query)).errors).toBeUndefined();
      return (await sqlSoFar()) - before;
    };
    const names = await cost(`{ segments(first: 100) { edges { node { name } } } }`);
    expect(await cost(`{ segments(first: 100) { edges { node { name memberCount } } } }`)).toBe(names + 1);
    expect(await cost(`{ segments(first: 2) { edges { node { name memberCount } } } }`)).toBe(names + 1);
  });

  it('lets every role read segments and ADMIN, MANAGER and REP create them; only the creator, a MANAGER or an ADMIN changes or deletes one; names are unique among live ones', async () => {
    const rules = { all: [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }] };
    // ANALYSTs write nothing, segments included.
    expect((await call(CREATE, { input: { name: "Ann's households", rules } }, analyst)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rolf = await testToken({ userId: users.rolf, email: 'rolf@crm.example', role: UserRole.REP });
    const mine = await call(CREATE, { input: { name: "Rolf's households", rules } }, rolf);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.createSegment.createdBy).toEqual({ email: 'rolf@crm.example' });
    const id = mine.data.createSegment.id;
    const rename = `mutation($id: ID!, $name: String!) { updateSegment(id: $id, input: { name: $name }) { name version } }`;
    expect((await call(rename, { id, name: 'Households (Rolf)' }, rolf)).data.updateSegment).toEqual({ name: 'Households (Rolf)', version: 2 });
    expect((await call(rename, { id, name: 'Analysed' }, analyst)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Another REP reads it but may not change or delete it.
    expect((await call(`query($id: ID!) { segment(id: $id) { name memberCount } }`, { id }, olga)).data.segment).toEqual({ name: 'Households (Rolf)', memberCount: 4 });
    expect((await call(rename, { id, name: 'Mine now' }, olga)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(`mutation($id: ID!) { deleteSegment(id: $id) { id } }`, { id }, olga)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A MANAGER may; a stale expectedVersion is refused.
    const manager = await testToken({ userId: users.mia, role: UserRole.MANAGER, teamId });
    expect((await call(`mutation($id: ID!) { updateSegment(id: $id, input: { description: "checked" }, expectedVersion: 1) { id } }`, { id }, manager)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await call(rename, { id, name: 'Households' }, manager)).data.updateSegment.name).toBe('Households');
    // Names are unique among live segments, whatever the case; a deleted one frees its name.
    const taken = await call(CREATE, { input: { name: 'HOUSEHOLDS', rules } }, olga);
    expect(taken.errors?.[0]?.extensions?.problems).toEqual([{ field: 'input.name', message: expect.stringContaining('already exists') }]);
    expect((await call(`mutation($id: ID!) { deleteSegment(id: $id, expectedVersion: 3) { deletedAt } }`, { id }, rolf)).errors).toBeUndefined();
    expect((await call(`query($id: ID!) { segment(id: $id) { id } }`, { id })).data.segment).toBeNull();
    expect((await call(CREATE, { input: { name: 'Households', rules } }, olga)).errors).toBeUndefined();
    // Restoring is for ADMINs and MANAGERs, and refused while its name is taken.
    expect((await call(`mutation($id: ID!) { restoreSegment(id: $id) { id } }`, { id }, analyst)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(`mutation($id: ID!) { restoreSegment(id: $id) { id } }`, { id }, manager)).errors?.[0]?.extensions?.problems?.[0]?.field).toBe('id');
    // Every change is in the audit trail.
    const trail = await service.handle.db.query(`SELECT action FROM accounts.audit_log WHERE entity_type = 'Segment' AND entity_id = $1 ORDER BY changed_at`, [id]);
    expect(trail.map((row: { action: string }) => row.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'DELETE']);
  });

  it('exports every member as CSV, streamed from a signed endpoint: header, escaping, file name; contact details hidden from ANALYSTs', async () => {
    const created = await call(CREATE, { input: { name: 'Kunden: "Süd" & DE', rules: { all: [{ field: 'COUNTRY', operator: 'IN', values: ['DE', 'AT'] }] } } });
    const id = created.data.createSegment.id;
    const response = await get(`/exports/segments/${id}.csv`, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Kunden_ _S_d_ _ DE.csv"; filename*=UTF-8''Kunden%3A%20%22S%C3%BCd%22%20%26%20DE.csv`);
    const text = await response.text();
    expect(text.split('\n')[0]).toBe(
      'account_id,name,market,tier,lifecycle,country,industry,annual_revenue,annual_revenue_currency,owner_email,last_interaction_at,contact_name,contact_email,contact_phone',
    );
    // A name with a comma and quotes is quoted, its quotes doubled (RFC 4180).
    expect(text).toContain(`${ids['Chen, "Home"']},"Chen, ""Home""",CONSUMER,KEY,CUSTOMER,AT,,,,olga@crm.example,`);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.name)).toEqual(['Anna Household', 'Chen, "Home"', 'Dora Retail GmbH']);
    expect(rows[0]).toMatchObject({ contact_name: 'Anna Contact', contact_email: 'anna@example.com', contact_phone: '+49 30 123', owner_email: 'olga@crm.example' });
    expect(Math.round((Date.now() - Date.parse(rows[0]!.last_interaction_at!)) / DAY)).toBe(10);
    expect(rows[2]).toMatchObject({ annual_revenue: '5000000.00', annual_revenue_currency: 'EUR', industry: 'Retail', market: 'BUSINESS' });

    const hidden = parse(await (await get(`/exports/segments/${id}.csv`, analyst)).text(), { columns: true }) as Record<string, string>[];
    expect(hidden[0]).toMatchObject({ contact_name: 'Anna Contact', contact_email: '', contact_phone: '' });
  });

  it('answers an export that cannot start with JSON and a code: 404 for an unknown or deleted segment, 401 without the gateway or a token', async () => {
    const gone = await call(CREATE, { input: { name: 'Soon gone', rules: { all: [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }] } } });
    await call(`mutation($id: ID!) { deleteSegment(id: $id) { id } }`, { id: gone.data.createSegment.id });
    for (const path of [`/exports/segments/${randomUUID()}.csv`, `/exports/segments/${gone.data.createSegment.id}.csv`, '/exports/segments/not-a-uuid.csv']) {
      const response = await get(path, admin);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await response.json()) as any).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
    }
    const some = `/exports/segments/${randomUUID()}.csv`;
    expect((await get(some, admin, false)).status).toBe(401);
    const anonymous = await get(some);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it(`streams a segment larger than one batch (${EXPORT_BATCH_SIZE} rows) completely, in order, each member once`, async () => {
    const count = 2 * EXPORT_BATCH_SIZE + 345;
    await service.handle.db.query(
      `INSERT INTO accounts.accounts (name, market, tier, lifecycle, country, owner_id)
       SELECT 'Bulk household ' || lpad(n::text, 5, '0'), 'CONSUMER', 'STANDARD', 'CUSTOMER', 'FR', $1 FROM generate_series(1, $2) AS n`,
      [users.olga, count],
    );
    const created = await call(CREATE, { input: { name: 'French households', rules: { all: [{ field: 'COUNTRY', operator: 'EQ', values: ['FR'] }, { field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }] } } });
    expect(created.data.createSegment.memberCount).toBe(count);
    const rows = parse(await (await get(`/exports/segments/${created.data.createSegment.id}.csv`, olga)).text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row.account_id)).size).toBe(count);
    expect(rows[0]!.name).toBe('Bulk household 00001');
    expect(rows[count - 1]!.name).toBe(`Bulk household ${String(count).padStart(5, '0')}`);
  });
});
