import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { SYSTEM_PRINCIPAL, type ServiceHandle } from '@crm/kernel/subgraph';
import { consumedUpTo, MemoryEventLog, serveEventLog, startServiceUnderTest, startStubSubgraph, testToken, type ServiceUnderTest, type StubSubgraph } from '@crm/testing';
import { buildSchema } from 'graphql';
import { loadConfig } from '../config';
import { INTERACTIONS_CONSUMER, type InteractionEvent } from './interactions.consumer';
import { start } from '../server';

const DAY = 86_400_000;
const NOW = Date.now();
/** `days` whole days (and `minutes` more, default 1) before the test started. */
const ago = (days: number, minutes = 1) => new Date(NOW - days * DAY - minutes * 60_000).toISOString();

/** The activities subgraph's interaction stream, as the accounts consumer selects it. */
const ACTIVITIES_SDL = `
  type Ref { id: ID! }
  type InteractionEvent { cursor: String! account: Ref! lastInteractionAt: String nextInteractionAt: String recordedAt: String! }
  type Query { ok: String }
  type Subscription { interactionLogged(after: String): InteractionEvent! }
`;

const STALE = `query($tier: Tier, $minDays: Int, $first: Int, $after: String) {
  staleAccounts(tier: $tier, minDays: $minDays, first: $first, after: $after) {
    totalCount
    edges { node { account { name } owner { email } tier lastInteractionAt daysSinceLastInteraction quietSince thresholdDays } }
    pageInfo { hasNextPage endCursor }
  } }`;

describe('stale accounts from interactions replicated from the activities subgraph', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let activities: StubSubgraph;
  let admin: string;
  const log = new MemoryEventLog<Omit<InteractionEvent, 'cursor'>>();
  const ids: Record<string, string> = {};

  const call = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).call(query, variables);
  const names = (response: any) => response.data.staleAccounts.edges.map((e: any) => e.node.account.name);
  const consumed = (cursor: string) => consumedUpTo(service.handle.db, 'accounts', INTERACTIONS_CONSUMER, cursor);
  const interaction = (name: string, last: string | null, next: string | null = null) =>
    log.append({ account: { id: ids[name]! }, lastInteractionAt: last, nextInteractionAt: next, recordedAt: new Date().toISOString() });

  beforeAll(async () => {
    activities = await startStubSubgraph(serveEventLog(buildSchema(ACTIVITIES_SDL), 'interactionLogged', log));
    service = await startServiceUnderTest({ loadConfig, start, env: { ACTIVITIES_URL: activities.url } });
    admin = await testToken({ role: UserRole.ADMIN });
    const [owner] = await service.handle.db.query(`INSERT INTO accounts.users (email, first_name, last_name, role) VALUES ('owner@crm.example', 'Olga', 'Owner', 'REP') RETURNING id`);
    const accounts: [string, string, string][] = [
      ['Strategic 45', 'STRATEGIC', 'CUSTOMER'],
      ['Strategic 20', 'STRATEGIC', 'CUSTOMER'],
      ['Key 45', 'KEY', 'CUSTOMER'],
      ['Key 90', 'KEY', 'CUSTOMER'],
      ['Standard 100', 'STANDARD', 'CUSTOMER'],
      ['Standard never', 'STANDARD', 'CUSTOMER'],
      ['Standard new', 'STANDARD', 'CUSTOMER'],
      ['Prospect 100', 'STRATEGIC', 'PROSPECT'],
      ['Deleted 100', 'STRATEGIC', 'CUSTOMER'],
      ['Met recently', 'STRATEGIC', 'CUSTOMER'],
    ];
    for (const [name, tier, lifecycle] of accounts) {
      const created = await call(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
        input: { name, tier, lifecycle, ownerId: owner.id },
      });
      expect(created.errors).toBeUndefined();
      ids[name] = created.data.createAccount.id;
    }
    // Everyone became a customer long ago; "Standard new" just now.
    await service.handle.db.query(`UPDATE accounts.accounts SET created_at = now() - interval '400 days' WHERE name <> 'Standard new'`);
    await call(`mutation($id: ID!) { deleteAccount(id: $id) { id } }`, { id: ids['Deleted 100'] });
    interaction('Strategic 45', ago(45));
    interaction('Strategic 20', ago(20));
    interaction('Key 45', ago(45, 120));
    interaction('Key 90', ago(90));
    interaction('Standard 100', ago(100));
    interaction('Prospect 100', ago(100));
    interaction('Deleted 100', ago(100));
    // Last call 100 days ago, but a meeting planned then has taken place 5 days ago.
    interaction('Met recently', ago(100), ago(5));
    await consumed(interaction('Strategic 45', ago(45)));
  });

  afterAll(async () => {
    await service?.stop();
    await activities?.stop();
  });

  it("lists the customers quiet for longer than their tier's threshold, longest quiet first, with the owner who should act", async () => {
    const response = await call(STALE);
    expect(response.errors).toBeUndefined();
    expect(response.data.staleAccounts.totalCount).toBe(3);
    expect(names(response)).toEqual(['Standard never', 'Key 90', 'Strategic 45']);
    const [never, key90, strategic45] = response.data.staleAccounts.edges.map((e: any) => e.node);
    expect(never).toMatchObject({ tier: 'STANDARD', lastInteractionAt: null, daysSinceLastInteraction: null, thresholdDays: 120, owner: { email: 'owner@crm.example' } });
    expect(Date.now() - Date.parse(never.quietSince)).toBeGreaterThan(399 * DAY);
    expect(key90).toMatchObject({ tier: 'KEY', daysSinceLastInteraction: 90, thresholdDays: 60 });
    expect(strategic45).toMatchObject({ tier: 'STRATEGIC', daysSinceLastInteraction: 45, thresholdDays: 30 });
    expect(strategic45.quietSince).toBe(strategic45.lastInteractionAt);
    // The consumer signed in as the system principal.
    expect(activities.callers.every((caller) => caller.userId === SYSTEM_PRINCIPAL.userId)).toBe(true);
  });

  it('narrows to one tier, or applies minDays to every tier instead, page by page', async () => {
    expect(names(await call(STALE, { tier: 'STRATEGIC' }))).toEqual(['Strategic 45']);
    expect(names(await call(STALE, { tier: 'KEY', minDays: 40 }))).toEqual(['Key 90', 'Key 45']);
    const first = await call(STALE, { minDays: 40, first: 3 });
    expect(first.data.staleAccounts.totalCount).toBe(5);
    expect(names(first)).toEqual(['Standard never', 'Standard 100', 'Key 90']);
    expect(first.data.staleAccounts.edges.every((e: any) => e.node.thresholdDays === 40)).toBe(true);
    const rest = await call(STALE, { minDays: 40, first: 3, after: first.data.staleAccounts.pageInfo.endCursor });
    expect(names(rest)).toEqual(['Key 45', 'Strategic 45']);
    expect(rest.data.staleAccounts.pageInfo.hasNextPage).toBe(false);
    // "More than 45 days": 45 whole days is not more.
    expect(names(await call(STALE, { minDays: 45 }))).toEqual(['Standard never', 'Standard 100', 'Key 90']);
    const bad = await call(STALE, { minDays: -1 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('uses thresholds only an ADMIN sets', async () => {
    const SET = `mutation($tier: Tier!, $days: Int!) { setStaleThreshold(tier: $tier, days: $days) { tier days } }`;
    expect((await call(`{ staleThresholds { tier days } }`)).data.staleThresholds).toEqual([
      { tier: 'STRATEGIC', days: 30 },
      { tier: 'KEY', days: 60 },
      { tier: 'STANDARD', days: 120 },
    ]);
    for (const role of [UserRole.MANAGER, UserRole.REP, UserRole.ANALYST]) {
      expect((await call(SET, { tier: 'STRATEGIC', days: 50 }, await testToken({ role }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await call(SET, { tier: 'STRATEGIC', days: 0 });
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'days' })]);
    expect((await call(SET, { tier: 'STRATEGIC', days: 50 })).data.setStaleThreshold).toEqual({ tier: 'STRATEGIC', days: 50 });
    expect(names(await call(STALE))).toEqual(['Standard never', 'Key 90']);
    expect((await call(SET, { tier: 'STRATEGIC', days: 30 })).errors).toBeUndefined();
  });

  it("answers daysSinceLastInteraction for many accounts at once, and follows each account's latest event (a deleted interaction no longer counts)", async () => {
    const DAYS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { name daysSinceLastInteraction } } }`;
    const reps = ['Strategic 45', 'Standard never', 'Met recently', 'Key 90'].map((name) => ({ __typename: 'Account', id: ids[name] }));
    const before = await call(DAYS, { reps });
    expect(before.data._entities.map((a: any) => a.daysSinceLastInteraction)).toEqual([45, null, 5, 90]);
    // Activities recomputed "Key 90" after its only interaction was deleted, and "Strategic 45" after a new call.
    interaction('Key 90', null);
    await consumed(interaction('Strategic 45', ago(1)));
    const after = await call(DAYS, { reps });
    expect(after.data._entities.map((a: any) => a.daysSinceLastInteraction)).toEqual([1, null, 5, null]);
    // Without any interaction "Key 90" counts from its creation, 400 days ago: still stale.
    expect(names(await call(STALE)).sort()).toEqual(['Key 90', 'Standard never']);
  });
});
