import { encodeEventCursor } from '@crm/kernel';
import { eventually, type Platform, startPlatform, testToken } from '@crm/testing';
import { collect, wsClient } from './ws-client';

const DAY = 86_400_000;
const NOW = Date.now();
/** `days` days and `hours` hours before the test started. */
const ago = (days: number, hours = 0) => new Date(NOW - days * DAY - hours * 3_600_000).toISOString();

const STALE = `query($tier: Tier, $minDays: Int) {
  staleAccounts(tier: $tier, minDays: $minDays) {
    totalCount edges { node { account { name } owner { email } tier daysSinceLastInteraction thresholdDays } }
  } }`;
const DAYS = `{ accounts(first: 10, orderBy: { field: NAME, direction: ASC }) { edges { node { name daysSinceLastInteraction lastActivityAt } } } }`;

describe('keeping the relationship alive: stale accounts across the activities and accounts subgraphs, through the gateway', () => {
  let platform: Platform;
  let admin: string;
  const ids: Record<string, string> = {};
  const interactions: Record<string, string> = {};
  const stale = async (variables: Record<string, unknown> = {}) => {
    const data = await platform.as(admin).ok(STALE, variables);
    return data.staleAccounts.edges.map((e: any) => e.node.account.name) as string[];
  };
  const days = async () => {
    const data = await platform.as(admin).ok(DAYS);
    return Object.fromEntries(data.accounts.edges.map((e: any) => [e.node.name, e.node.daysSinceLastInteraction]));
  };
  const log = async (name: string, type: string, occurredAt: string) => {
    const data = await platform.as(admin).ok(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
      input: { type, subject: `${type} with ${name}`, occurredAt, accountId: ids[name] },
    });
    return data.createActivity.id as string;
  };

  beforeAll(async () => {
    platform = await startPlatform();
    admin = await testToken();
    const user = await platform.as(admin).call(`mutation { createUser(input: { email: "kim@crm.example", firstName: "Kim", lastName: "Owner", role: REP }) { id } }`);
    expect(user.errors).toBeUndefined();
    for (const [name, tier] of [['Acme', 'STRATEGIC'], ['Beta', 'KEY'], ['Gamma', 'STANDARD'], ['Delta', 'STRATEGIC']]) {
      const created = await platform.as(admin).call(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
        input: { name, tier, lifecycle: 'CUSTOMER', ownerId: user.data.createUser.id },
      });
      expect(created.errors).toBeUndefined();
      ids[name!] = created.data.createAccount.id;
    }
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it("lists the customers nobody has talked to for longer than their tier allows, with their owner, as soon as the interactions are logged", async () => {
    // Nobody has talked to any of them yet, but they only just became customers: nobody is stale.
    expect(await stale()).toEqual([]);
    interactions.Acme = await log('Acme', 'CALL', ago(45, 2)); // STRATEGIC: 30 days allowed
    await log('Beta', 'MEETING', ago(45, 1)); // KEY: 60 allowed
    await log('Gamma', 'EMAIL', ago(130)); // STANDARD: 120 allowed
    await log('Gamma', 'NOTE', ago(1)); // a note is not an interaction
    await log('Delta', 'CALL', ago(45));
    await log('Delta', 'FEEDBACK', ago(5));

    // Replicated from activities to accounts within moments (10 s leaves room for a busy machine).
    await eventually(stale, { until: (names) => names.length === 2, timeoutMs: 10_000, what: 'two stale accounts' });
    const response = await platform.as(admin).call(STALE);
    expect(response.data.staleAccounts.totalCount).toBe(2);
    expect(response.data.staleAccounts.edges.map((e: any) => e.node)).toEqual([
      { account: { name: 'Gamma' }, owner: { email: 'kim@crm.example' }, tier: 'STANDARD', daysSinceLastInteraction: 130, thresholdDays: 120 },
      { account: { name: 'Acme' }, owner: { email: 'kim@crm.example' }, tier: 'STRATEGIC', daysSinceLastInteraction: 45, thresholdDays: 30 },
    ]);
    expect(await days()).toEqual({ Acme: 45, Beta: 45, Delta: 5, Gamma: 130 });
  });

  it('narrows by tier and applies minDays to every tier instead of the thresholds', async () => {
    expect(await stale({ tier: 'STRATEGIC' })).toEqual(['Acme']);
    expect(await stale({ minDays: 40 })).toEqual(['Gamma', 'Acme', 'Beta']);
    expect(await stale({ tier: 'KEY', minDays: 40 })).toEqual(['Beta']);
    expect(await stale({ minDays: 200 })).toEqual([]);
  });

  it('stops counting a deleted interaction and counts it again once restored', async () => {
    const removed = await platform.as(admin).call(`mutation($id: ID!) { deleteActivity(id: $id) { id } }`, { id: interactions.Acme });
    expect(removed.errors).toBeUndefined();
    // Acme was never contacted now, and became a customer today: not stale.
    await eventually(days, { until: (d) => d.Acme === null, timeoutMs: 10_000, what: "Acme's deleted call to stop counting" });
    expect(await stale()).toEqual(['Gamma']);
    await platform.as(admin).call(`mutation($id: ID!) { restoreActivity(id: $id) { id } }`, { id: interactions.Acme });
    await eventually(days, { until: (d) => d.Acme === 45, timeoutMs: 10_000, what: "Acme's restored call to count again" });
    expect(await stale()).toEqual(['Gamma', 'Acme']);
  });

  it('streams interaction events through the gateway, from the start of the log, with the account from the accounts subgraph', async () => {
    const client = wsClient(platform.gatewayUrl, admin);
    // From the start of the log (the cursor of position 0): everything so far, in order, then live events.
    const feed = collect(client, `subscription($after: String) { interactionLogged(after: $after) { cursor change account { name } lastInteractionAt activity { subject } } }`, {
      after: encodeEventCursor(0),
    });
    await eventually(() => feed.events.length >= 7, { timeoutMs: 10_000, what: 'the events so far' });
    expect(feed.events.map((e) => [e.interactionLogged.change, e.interactionLogged.account.name])).toEqual([
      ['LOGGED', 'Acme'],
      ['LOGGED', 'Beta'],
      ['LOGGED', 'Gamma'],
      ['LOGGED', 'Delta'],
      ['LOGGED', 'Delta'],
      ['DELETED', 'Acme'],
      ['RESTORED', 'Acme'],
    ]);
    const at = new Date().toISOString();
    await log('Beta', 'EMAIL', at);
    await eventually(() => feed.events.length === 8, { timeoutMs: 10_000, what: 'the live event' });
    expect(feed.errors).toEqual([]);
    expect(feed.events[7].interactionLogged).toMatchObject({ change: 'LOGGED', account: { name: 'Beta' }, lastInteractionAt: at, activity: { subject: 'EMAIL with Beta' } });
    feed.dispose();
    await client.dispose();
    await eventually(days, { until: (d) => d.Beta === 0, timeoutMs: 10_000, what: 'Beta contacted today' });
  });
});
