import { signToken, UserRole } from '@crm/kernel';
import { eventually, type Platform, startPlatform, TEST_TOKEN_SETTINGS } from '@crm/testing';
import { moveDeal } from './deal-moves';
import { sqlQueriesSoFar, tokenForSeededUser } from './platform-helpers';
import { collect, streamsReady, wsClient } from './ws-client';

const CHANGES = `
  subscription Changes($filter: DealStageChangedFilter, $after: String) {
    dealStageChanged(filter: $filter, after: $after) {
      cursor
      changedAt
      opportunity { id name amount { amount currency } account { name } owner { email } }
      fromStage { name }
      toStage { name kind }
      changedBy { email }
    }
  }
`;

describe('live deal-stage changes through the gateway', () => {
  let platform: Platform;
  let admin: string;
  let deals: { id: string; pipelineId: string }[];


  /** Moves a deal (an index into `deals`, or an id) to its pipeline's next OPEN stage, as a rep would. */
  const move = (target: number | string, token = admin) => moveDeal(platform.as(token), typeof target === 'number' ? deals[target].id : target);
  /** A client of `token`'s collecting CHANGES with `variables`, once its stream is open upstream. */
  const liveFeed = async (token: string, variables: Record<string, unknown> = {}) => {
    const client = wsClient(platform.gatewayUrl, token);
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    const feed = collect(client, CHANGES, variables);
    await streamsReady(platform.subgraphUrls.opportunities, 1);
    return { client, feed };
  };

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.1 });
    admin = await tokenForSeededUser(platform.database.url);
    const { data } = await platform.as(admin).call(`{ opportunities(first: 10, filter: { stageKind: OPEN }) { edges { node { id pipeline { id } } } } }`);
    deals = data.opportunities.edges.map((e: any) => ({ id: e.node.id, pipelineId: e.node.pipeline.id }));
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  // How fast: bench/subscription-fanout.mjs (docs/benchmarks.md), not a timed test on a shared CI machine.
  it('delivers a stage change with fields from all three subgraphs', async () => {
    const { client, feed } = await liveFeed(admin, { filter: { pipelineId: deals[0].pipelineId } });
    await move(0);
    await eventually(() => feed.events.length > 0, { timeoutMs: 10_000, what: 'the event' });
    const change = feed.events[0].dealStageChanged;
    expect(change.opportunity.id).toBe(deals[0].id);
    expect(change.opportunity.account.name).toEqual(expect.any(String));
    expect(change.opportunity.amount.amount).toMatch(/^\d+\.\d{2}$/);
    expect(change.toStage.kind).toBe('OPEN');
    expect(change.changedBy.email).toBe('admin@crm.example');
    expect(change.cursor).toEqual(expect.any(String));
    feed.dispose();
    await client.dispose();
  });

  it('applies filters: a subscriber for WON changes hears nothing about open moves', async () => {
    const client = wsClient(platform.gatewayUrl, admin);
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    const won = collect(client, CHANGES, { filter: { toStageKind: 'WON' } });
    const mine = collect(client, CHANGES, { filter: { pipelineId: deals[1].pipelineId } });
    await streamsReady(platform.subgraphUrls.opportunities, 2);
    await move(1);
    await eventually(() => mine.events.length === 1, { timeoutMs: 10_000, what: 'the pipeline event' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(won.events).toHaveLength(0);
    won.dispose();
    mine.dispose();
    await client.dispose();
  });

  it('tells a REP about their own deals and nothing about deals they may not read', async () => {
    const rep = await tokenForSeededUser(platform.database.url, UserRole.REP);
    const me = (await platform.as(rep).call('{ me { id team { id } } }', {})).data.me;
    const { data } = await platform.as(admin).call(`{ opportunities(first: 100, filter: { stageKind: OPEN }) { edges { node { id owner { id } team { id } } } } }`);
    const all = data.opportunities.edges.map((e: any) => e.node);
    const foreign = all.find((d: any) => d.owner.id !== me.id && d.team?.id !== me.team?.id);
    const own = all.find((d: any) => d.owner.id === me.id);
    expect(foreign).toBeDefined();
    expect(own).toBeDefined();
    const { client, feed } = await liveFeed(rep);
    await move(foreign.id);
    await move(own.id);
    await eventually(() => feed.events.length >= 1, { timeoutMs: 10_000, what: "the REP's own event" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const seen = feed.events.map((e: any) => e.dealStageChanged.opportunity.id);
    expect(seen).toEqual([own.id]);
    feed.dispose();
    await client.dispose();
  });

  it('resumes after a dropped connection with every missed change once, in order', async () => {
    const { client: first, feed: before } = await liveFeed(admin, { filter: { pipelineId: deals[2].pipelineId } });
    await move(2);
    await eventually(() => before.events.length === 1, { timeoutMs: 10_000, what: 'the first event' });
    const cursor = before.events[0].dealStageChanged.cursor;
    before.dispose();
    await first.dispose();

    const moved: string[] = [];
    for (let i = 0; i < 50; i++) {
      await move(2 + (i % 3));
      moved.push(deals[2 + (i % 3)].id);
    }
    const second = wsClient(platform.gatewayUrl, admin);
    const after = collect(second, CHANGES, { after: cursor });
    await eventually(() => after.events.length >= 50, { timeoutMs: 10_000, what: '50 resumed events' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const resumed = after.events.map((e: any) => e.dealStageChanged);
    expect(resumed).toHaveLength(50);
    expect(resumed.map((c: any) => c.opportunity.id)).toEqual(moved);
    expect(new Set(resumed.map((c: any) => c.cursor)).size).toBe(50);
    await move(5);
    await eventually(() => after.events.length === 51, { timeoutMs: 10_000, what: 'a live event after the replay' });

    // A second client resuming from the same cursor later (as every client of a gateway does after a
    // restart, with jitter) gets the whole replay too, not just what the first one's stream has left.
    const third = wsClient(platform.gatewayUrl, admin);
    const late = collect(third, CHANGES, { after: cursor });
    await eventually(() => late.events.length >= 51, { timeoutMs: 10_000, what: 'the same 51 events for a late resumer' });
    expect(late.events.map((e: any) => e.dealStageChanged.cursor)).toEqual(after.events.map((e: any) => e.dealStageChanged.cursor));
    late.dispose();
    await third.dispose();
    after.dispose();
    await second.dispose();
  });

  it('shares one upstream stream and one hydration between identical subscriptions', async () => {
    const metric = async (name: string) => {
      const text = await (await fetch(new URL('/metrics', platform.gatewayUrl))).text();
      return Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? 0);
    };
    const clients = [wsClient(platform.gatewayUrl, admin), wsClient(platform.gatewayUrl, admin), wsClient(platform.gatewayUrl, admin)];
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    const feeds = clients.map((c) => collect(c, CHANGES, { filter: { pipelineId: deals[6].pipelineId, ownerId: null } }));
    await streamsReady(platform.subgraphUrls.opportunities, 1);
    const subscribed = async () => (await metric('crm_gateway_subscribers')) === 3;
    await eventually(subscribed, { what: 'three subscribers at the gateway', timeoutMs: 5_000, intervalMs: 25 });
    expect(await metric('crm_gateway_subscribers')).toBe(3);
    expect(await metric('crm_gateway_subscription_streams')).toBe(1);
    const hydratedBefore = await metric('crm_gateway_events_hydrated_total');
    const sqlBefore = await sqlQueriesSoFar(platform.subgraphUrls);
    await move(6);
    await eventually(() => feeds.every((f) => f.events.length === 1), { timeoutMs: 10_000, what: 'all three subscribers' });
    expect(await metric('crm_gateway_events_hydrated_total')).toBe(hydratedBefore + 1);
    expect(feeds[0].events).toEqual(feeds[2].events);
    expect(await sqlQueriesSoFar(platform.subgraphUrls)).toBeGreaterThan(sqlBefore);
    feeds.forEach((f) => f.dispose());
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('closes a connection with 4403 when the token is invalid', async () => {
    const client = wsClient(platform.gatewayUrl, 'not-a-token');
    const feed = collect(client, CHANGES);
    await eventually(() => feed.errors.length > 0, { timeoutMs: 10_000, what: 'the close' });
    expect((feed.errors[0] as { code: number }).code).toBe(4403);
    await client.dispose();
  });

  it('closes a connection with retryable 4410 when its token expires', async () => {
    const principal = { userId: '00000000-0000-4000-8000-000000000001', email: 'test-admin@crm.example', role: UserRole.ADMIN, teamId: null };
    const shortLived = await signToken(principal, TEST_TOKEN_SETTINGS, '2s');
    const client = wsClient(platform.gatewayUrl, shortLived);
    const feed = collect(client, CHANGES);
    const opened = Date.now();
    await eventually(() => feed.errors.length > 0, { timeoutMs: 10_000, what: 'the close at expiry' });
    expect(feed.errors[0]).toMatchObject({ code: 4410, reason: expect.stringContaining('expired') });
    expect(Date.now() - opened).toBeGreaterThan(900);
    await client.dispose();
  });

  it('answers an invalid `after` with an error naming it', async () => {
    const client = wsClient(platform.gatewayUrl, admin);
    const feed = collect(client, CHANGES, { after: 'garbage' });
    await eventually(() => feed.errors.length > 0, { timeoutMs: 10_000, what: 'the error' });
    expect(JSON.stringify(feed.errors)).toMatch(/after/);
    await client.dispose();
  });

  it('loses nothing across a gateway restart: resuming from the last cursor gets every change once', async () => {
    const client = wsClient(platform.gatewayUrl, admin, { retry: true });
    let lastCursor: string | null = null;
    const received: string[] = [];
    let dispose = () => undefined as void;
    const subscribe = (after: string | null) => {
      dispose = client.subscribe(
        { query: CHANGES, variables: { filter: { pipelineId: deals[7].pipelineId }, after } },
        {
          next: (r: any) => {
            lastCursor = r.data.dealStageChanged.cursor;
            received.push(r.data.dealStageChanged.cursor);
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    };
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    subscribe(null);
    await streamsReady(platform.subgraphUrls.opportunities, 1);
    await move(7);
    await eventually(() => received.length === 1, { timeoutMs: 10_000, what: 'the first event' });
    await platform.restart('gateway');
    // The first subscription died with the old gateway; resume from the last cursor seen.
    dispose();
    subscribe(lastCursor);
    for (let i = 0; i < 5; i++) await move(7);
    await eventually(() => received.length === 6, { timeoutMs: 10_000, what: 'the events after the restart' });
    expect(new Set(received).size).toBe(6);
    dispose();
    await client.dispose();
  });
});
