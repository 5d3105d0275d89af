import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { decodeEventCursor, encodeEventCursor, gatewayConnectionParams, metricsRegistry } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { callerOf, eventually, signedConnectionParams, startServiceUnderTest, TEST_GATEWAY_SIGNING_SECRET, testPeople, type ServiceUnderTest } from '@crm/testing';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../config';
import { createTestPipeline, NEW_BUSINESS_STAGES, RENEWAL_STAGES } from '../pipelines/pipeline-stages.fixture';
import { start } from '../server';

const DEAL_STAGE_CHANGED = `subscription($filter: DealStageChangedFilter, $after: String) {
  dealStageChanged(filter: $filter, after: $after) {
    cursor changedAt
    opportunity { id name version owner { id } team { id } stage { name } }
    fromStage { name } toStage { name kind } changedBy { id }
  }
}`;

type Change = {
  cursor: string;
  changedAt: string;
  opportunity: { id: string; name: string; version: number; owner: { id: string }; team: { id: string } | null; stage: { name: string } };
  fromStage: { name: string } | null;
  toStage: { name: string; kind: string };
  changedBy: { id: string } | null;
};

/** Everything one subscription received, with a way to wait for more. */
class Received {
  readonly results: FormattedExecutionResult<{ dealStageChanged: Change }, unknown>[] = [];
  error: unknown;
  completed = false;
  private notify: (() => void) | null = null;

  push(result: FormattedExecutionResult<any, unknown>) {
    this.results.push(result);
    this.notify?.();
  }

  end(error?: unknown) {
    this.error = error;
    this.completed = true;
    this.notify?.();
  }

  get changes(): Change[] {
    return this.results.map((result) => {
      if (result.errors) throw new Error(`the subscription answered errors: ${JSON.stringify(result.errors)}`);
      return result.data!.dealStageChanged;
    });
  }

  /** Waits for `count` results (or the end of the subscription), failing after `timeoutMs`. */
  async atLeast(count: number, timeoutMs = 5_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.length < count && !this.completed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} results within ${timeoutMs} ms, got ${this.results.length}: ${JSON.stringify(this.results)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this;
  }

  /** Waits until the subscription ends (error or complete). */
  async ended(timeoutMs = 5_000): Promise<this> {
    await this.atLeast(Number.POSITIVE_INFINITY, timeoutMs).catch(() => undefined);
    if (!this.completed) throw new Error(`the subscription did not end within ${timeoutMs} ms`);
    return this;
  }
}

describe('dealStageChanged: live stage changes over graphql-ws against a real PostgreSQL', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const clients: Client[] = [];
  const people = testPeople({ admin: 'ADMIN', rep: ['REP', 'A'], otherRep: ['REP', 'B'], loneRep: 'REP', analyst: 'ANALYST' });
  const { tokens, teams } = people;
  const repId = people.id('rep');
  const otherRepId = people.id('otherRep');
  const stage: Record<string, string> = {};
  let renewalsId: string;
  /** Moves into a LOST stage need a lost reason; `move` sends this one. */
  let lostReasonId: string;
  const LOST_STAGES = ['Closed Lost', 'Churned'];
  let newBusinessId: string;

  const call = (query: string, variables?: Record<string, unknown>, token = tokens.admin, url = service.url) => callerOf(url, token).ok(query, variables);
  const createDeal = async (input: Record<string, unknown>, token = tokens.admin) =>
    (
      await call(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version team { id } } }`, {
        input: { name: 'Deal', accountId: randomUUID(), amount: { amount: '1000.00', currency: 'EUR' }, expectedCloseDate: '2026-12-31', ...input },
      }, token)
    ).createOpportunity as { id: string; version: number; team: { id: string } | null };
  const move = async (opportunityId: string, stageName: string, token = tokens.admin, url = service.url) =>
    (await call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id version } }`, { input: { opportunityId, stageId: stage[stageName], ...(LOST_STAGES.includes(stageName) ? { lostReasonId } : {}) } }, token, url))
      .moveOpportunityStage;

  const wsUrl = (url = service.url) => url.replace(/^http/, 'ws');
  const connect = (token: string | null, url = service.url, onClosed?: (event: { code: number; reason: string }) => void) => {
    const client = createClient({
      url: wsUrl(url),
      webSocketImpl: WebSocket,
      connectionParams: signedConnectionParams(url, token ? { authorization: `Bearer ${token}` } : {}),
      retryAttempts: 0,
      on: { closed: (event) => onClosed?.(event as { code: number; reason: string }) },
    });
    clients.push(client);
    return client;
  };
  const subscribe = (client: Client, variables: Record<string, unknown> = {}, query = DEAL_STAGE_CHANGED) => {
    const received = new Received();
    const unsubscribe = client.subscribe(
      { query, variables },
      { next: (result) => received.push(result), error: (error) => received.end(error), complete: () => received.end() },
    );
    return { received, unsubscribe };
  };
  /** The log's newest cursor now: subscribing `after` it gets exactly what is committed from here on. */
  const head = async () => encodeEventCursor((await service.handle.db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM opportunities.stage_changes`))[0].seq);
  const openStreams = async () => (await metricsRegistry.getSingleMetric('crm_event_streams_open')!.get()).values.reduce((sum, v) => sum + v.value, 0);
  /** Waits until `count` more event streams are open than `before`, and a moment for them to read the head. */
  const streamsOpened = async (before: number, count = 1) => {
    await eventually(openStreams, { until: (open) => open >= before + count, what: 'the subscription to start', timeoutMs: 5_000, intervalMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    const newBusiness = await createTestPipeline(service.as(tokens.admin), 'New Business', NEW_BUSINESS_STAGES);
    const renewals = await createTestPipeline(service.as(tokens.admin), 'Renewals', RENEWAL_STAGES);
    Object.assign(stage, newBusiness.stages, renewals.stages);
    [newBusinessId, renewalsId] = [newBusiness.id, renewals.id];
    lostReasonId = (await call(`mutation { createLostReason(input: { name: "Price" }) { id } }`)).createLostReason.id;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('delivers a move made through HTTP to a subscriber within a second, with the deal, both stages, who moved it and a cursor', async () => {
    const accountId = randomUUID();
    const deal = await createDeal({ name: 'Globex - CRM Enterprise', accountId, ownerId: repId });
    const before = await openStreams();
    const { received } = subscribe(connect(tokens.admin), { filter: { accountId } });
    await streamsOpened(before);

    const movedAt = Date.now();
    await move(deal.id, 'Proposal', tokens.rep);
    await received.atLeast(1, 1_000);
    expect(Date.now() - movedAt).toBeLessThan(1_000);
    const [change] = received.changes;
    expect(change).toMatchObject({
      opportunity: { id: deal.id, name: 'Globex - CRM Enterprise', version: 2, owner: { id: repId }, stage: { name: 'Proposal' } },
      fromStage: { name: 'Qualification' },
      toStage: { name: 'Proposal', kind: 'OPEN' },
      changedBy: { id: repId },
    });
    expect(decodeEventCursor(change!.cursor)).toBeGreaterThan(0n);
    const [row] = await service.handle.db.query(`SELECT seq::text AS seq, changed_at FROM opportunities.stage_changes WHERE opportunity_id = $1 AND from_stage_id IS NOT NULL`, [deal.id]);
    expect(change!.cursor).toBe(encodeEventCursor(row.seq));
    expect(change!.changedAt).toBe(new Date(row.changed_at).toISOString());
  });

  it('resumes after a cursor: exactly the 50 moves made while unsubscribed arrive once, in order, then a live one', async () => {
    const accountId = randomUUID();
    const deal = await createDeal({ accountId });
    const client = connect(tokens.admin);
    const first = subscribe(client, { filter: { accountId }, after: await head() });
    await move(deal.id, 'Discovery');
    const [last] = (await first.received.atLeast(1)).changes;
    first.unsubscribe();

    const cycle = ['Proposal', 'Negotiation', 'Discovery'];
    let previous = 'Discovery';
    const expected: [string, string][] = [];
    for (let i = 0; i < 50; i++) {
      const next = cycle[i % cycle.length]!;
      await move(deal.id, next);
      expected.push([previous, next]);
      previous = next;
    }

    const resumed = subscribe(client, { filter: { accountId }, after: last!.cursor });
    await resumed.received.atLeast(50);
    await move(deal.id, 'Closed Won');
    await resumed.received.atLeast(51);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const changes = resumed.received.changes;
    expect(changes.map((c) => [c.fromStage!.name, c.toStage.name])).toEqual([...expected, [previous, 'Closed Won']]);
    const seqs = changes.map((c) => decodeEventCursor(c.cursor));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!).toBe(true);
    expect(seqs[0]! > decodeEventCursor(last!.cursor)).toBe(true);
  });

  it('narrows by pipeline, owner and target stage kind', async () => {
    const accountId = randomUUID();
    const adminsDeal = await createDeal({ accountId, pipelineId: newBusinessId });
    const repsDeal = await createDeal({ accountId, pipelineId: newBusinessId, ownerId: repId });
    const renewal = await createDeal({ accountId, stageId: stage['Renewal Due'], ownerId: repId });
    const client = connect(tokens.admin);
    const after = await head();
    const byPipeline = subscribe(client, { filter: { accountId, pipelineId: renewalsId }, after });
    const byOwner = subscribe(client, { filter: { accountId, ownerId: repId }, after });
    const byKind = subscribe(client, { filter: { accountId, toStageKind: 'WON' }, after });
    const all = subscribe(client, { filter: { accountId }, after });

    await move(adminsDeal.id, 'Discovery');
    await move(adminsDeal.id, 'Closed Won');
    await move(repsDeal.id, 'Proposal');
    await move(renewal.id, 'Churned');
    // The last move matches every filter, so once it arrived, nothing else can follow.
    await move(renewal.id, 'Renewed');

    const names = async (subscription: { received: Received }, count: number) =>
      (await subscription.received.atLeast(count)).changes.map((c) => `${c.opportunity.id === adminsDeal.id ? 'admin' : c.opportunity.id === repsDeal.id ? 'rep' : 'renewal'}:${c.toStage.name}`);
    expect(await names(all, 5)).toEqual(['admin:Discovery', 'admin:Closed Won', 'rep:Proposal', 'renewal:Churned', 'renewal:Renewed']);
    expect(await names(byPipeline, 2)).toEqual(['renewal:Churned', 'renewal:Renewed']);
    expect(await names(byOwner, 3)).toEqual(['rep:Proposal', 'renewal:Churned', 'renewal:Renewed']);
    expect(await names(byKind, 2)).toEqual(['admin:Closed Won', 'renewal:Renewed']);
    for (const subscription of [all, byPipeline, byOwner, byKind]) expect(subscription.received.results.length).toBeLessThanOrEqual(5);
    expect(byPipeline.received.results).toHaveLength(2);
    expect(byOwner.received.results).toHaveLength(3);
    expect(byKind.received.results).toHaveLength(2);
  });

  it("sends a REP only changes of their own and their team's deals, and an ADMIN or ANALYST every change", async () => {
    const accountId = randomUUID();
    const otherTeamsDeal = await createDeal({ accountId, teamId: teams.B });
    const teamsDeal = await createDeal({ accountId, ownerId: otherRepId, teamId: teams.A });
    const ownDeal = await createDeal({ accountId }, tokens.rep);
    expect(ownDeal.team).toEqual({ id: teams.A });
    const noTeamDeal = await createDeal({ accountId, ownerId: repId, teamId: null });
    const after = await head();
    const rep = subscribe(connect(tokens.rep), { filter: { accountId }, after });
    const otherRep = subscribe(connect(tokens.otherRep), { filter: { accountId }, after });
    const loneRep = subscribe(connect(tokens.loneRep), { filter: { accountId }, after });
    const admin = subscribe(connect(tokens.admin), { filter: { accountId }, after });
    const analyst = subscribe(connect(tokens.analyst), { filter: { accountId }, after });

    for (const deal of [otherTeamsDeal, teamsDeal, noTeamDeal, ownDeal]) await move(deal.id, 'Proposal');

    const ids = async (subscription: { received: Received }, count: number) => (await subscription.received.atLeast(count)).changes.map((c) => c.opportunity.id);
    expect(await ids(admin, 4)).toEqual([otherTeamsDeal.id, teamsDeal.id, noTeamDeal.id, ownDeal.id]);
    expect(await ids(analyst, 4)).toEqual([otherTeamsDeal.id, teamsDeal.id, noTeamDeal.id, ownDeal.id]);
    // ownDeal was the last move and the REP may read it: had anything else been sent, it came before.
    expect(await ids(rep, 3)).toEqual([teamsDeal.id, noTeamDeal.id, ownDeal.id]);
    expect(await ids(otherRep, 2)).toEqual([otherTeamsDeal.id, teamsDeal.id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(otherRep.received.results).toHaveLength(2);
    expect(loneRep.received.results).toHaveLength(0);
    // Asking for another team by filter does not widen what a REP may read.
    const sneaky = subscribe(connect(tokens.rep), { filter: { accountId, teamId: teams.B }, after });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sneaky.received.results).toHaveLength(0);
  });

  it('turns 20 concurrent moves from several connections into 20 events in strictly increasing order, none skipped by a reader streaming during the writes', async () => {
    const accountId = randomUUID();
    const deals = await Promise.all(Array.from({ length: 20 }, (_, i) => createDeal({ accountId, name: `Concurrent ${i}`, ownerId: repId })));
    const start = await head();
    const live = subscribe(connect(tokens.admin), { filter: { accountId }, after: start });

    const moves = Promise.all(deals.map((deal, i) => move(deal.id, i % 2 ? 'Proposal' : 'Negotiation', i % 3 ? tokens.admin : tokens.rep)));
    // A second reader starts while the writes are in flight and catches up from the same cursor.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const duringWrites = subscribe(connect(tokens.analyst), { filter: { accountId }, after: start });
    await moves;

    const committed: string[] = (
      await service.handle.db.query(`SELECT seq::text AS seq FROM opportunities.stage_changes WHERE account_id = $1 AND seq > $2 ORDER BY stage_changes.seq`, [accountId, decodeEventCursor(start).toString()])
    ).map((row: { seq: string }) => row.seq);
    expect(committed).toHaveLength(20);
    for (const reader of [live, duringWrites]) {
      const changes = (await reader.received.atLeast(20)).changes;
      const seqs = changes.map((c) => decodeEventCursor(c.cursor));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!).toBe(true);
      expect(seqs.map(String)).toEqual(committed);
      expect(new Set(changes.map((c) => c.opportunity.id)).size).toBe(20);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.received.results).toHaveLength(20);
    expect(duringWrites.received.results).toHaveLength(20);
  });

  it('reaches a subscriber on a second instance on the same database when the move is made through the first, and closes it with 1001 when that instance stops', async () => {
    const second = await startServiceUnderTest({ loadConfig, start, database: service.database });
    let closedWith: number | undefined;
    try {
      const accountId = randomUUID();
      const deal = await createDeal({ accountId });
      const before = await openStreams();
      const { received } = subscribe(connect(tokens.admin, second.url, (event) => (closedWith = event.code)), { filter: { accountId } });
      await streamsOpened(before);
      const movedAt = Date.now();
      await move(deal.id, 'Negotiation', tokens.admin, service.url);
      expect((await received.atLeast(1, 1_000)).changes[0]).toMatchObject({ opportunity: { id: deal.id }, toStage: { name: 'Negotiation' } });
      expect(Date.now() - movedAt).toBeLessThan(1_000);
    } finally {
      await second.stop();
    }
    await eventually(() => closedWith, { what: 'the socket of the stopped instance to close', timeoutMs: 2_000, intervalMs: 10 });
    // 1001 "going away": retryable, the client reconnects (to another instance) and resumes.
    expect(closedWith).toBe(1001);
  });

  it('closes the socket with 4403 when the token is missing or invalid', async () => {
    const forged = `${tokens.admin.slice(0, -4)}AAAA`;
    for (const token of [null, forged, 'not-a-jwt']) {
      let closedWith: number | undefined;
      const { received } = subscribe(connect(token, service.url, (event) => (closedWith = event.code)));
      await received.ended();
      expect(closedWith).toBe(4403);
      expect((received.error as { code?: number }).code).toBe(4403);
      expect(received.results).toHaveLength(0);
    }
  });

  it('closes the socket with 4403 when a valid token comes without the gateway signature, or with a wrong or stale one', async () => {
    const authorization = `Bearer ${tokens.admin}`;
    for (const connectionParams of [
      { authorization },
      signedConnectionParams(service.url, { authorization }, 'not-the-gateway-secret')(),
      { authorization, ...gatewayConnectionParams(TEST_GATEWAY_SIGNING_SECRET, '/graphql', Date.now() - 61_000) },
    ]) {
      let closedWith: number | undefined;
      const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, on: { closed: (event) => (closedWith = (event as { code: number }).code) } });
      clients.push(client);
      const { received } = subscribe(client);
      await received.ended();
      expect(closedWith).toBe(4403);
      expect(received.results).toHaveLength(0);
    }
  });

  it('fails the subscription with BAD_USER_INPUT naming `after` for a cursor that is not one or is ahead of the log, and naming the field of a bad filter', async () => {
    const client = connect(tokens.admin);
    const listCursor = Buffer.from(JSON.stringify(['Acme', randomUUID()])).toString('base64url');
    for (const after of ['garbage', listCursor, encodeEventCursor(10n ** 15n)]) {
      const { received } = subscribe(client, { after });
      await received.ended();
      expect(received.results).toHaveLength(1);
      expect(received.results[0]!.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'after' }] } });
      expect(received.results[0]!.errors?.[0]!.message).toMatch(/^after: /);
    }
    const { received } = subscribe(client, { filter: { pipelineId: 'main', ownerId: randomUUID() } });
    await received.ended();
    expect(received.results[0]!.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'filter.pipelineId' }] } });
    // The connection survives a failed subscription.
    const accountId = randomUUID();
    const deal = await createDeal({ accountId });
    const ok = subscribe(client, { filter: { accountId }, after: await head() });
    await move(deal.id, 'Proposal');
    expect((await ok.received.atLeast(1)).changes[0]!.toStage.name).toBe('Proposal');
  });

  it('records exactly one event per stage change: on create, on moves and on updates with a new stageId, none for a move to the current stage or an update without one', async () => {
    const accountId = randomUUID();
    const { received } = subscribe(connect(tokens.admin), { filter: { accountId }, after: await head() });
    const deal = await createDeal({ accountId, name: 'Counted' });
    await move(deal.id, 'Qualification');
    await call(`mutation($id: ID!) { updateOpportunity(id: $id, input: { name: "Renamed" }) { id } }`, { id: deal.id });
    await call(`mutation($id: ID!, $s: ID!, $r: ID!) { updateOpportunity(id: $id, input: { stageId: $s, lostReasonId: $r, name: "Counted again" }) { id } }`, {
      id: deal.id,
      s: stage['Closed Lost'],
      r: lostReasonId,
    });
    await move(deal.id, 'Closed Lost');
    await move(deal.id, 'Discovery');
    const changes = (await received.atLeast(3)).changes;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.results).toHaveLength(3);
    expect(changes.map((c) => [c.fromStage?.name ?? null, c.toStage.name])).toEqual([
      [null, 'Qualification'],
      ['Qualification', 'Closed Lost'],
      ['Closed Lost', 'Discovery'],
    ]);
  });

  it('resolves each event with fresh loaders, so a deal renamed between two moves shows its new name', async () => {
    const accountId = randomUUID();
    const deal = await createDeal({ accountId, name: 'Before' });
    const { received } = subscribe(connect(tokens.admin), { filter: { accountId }, after: await head() });
    await move(deal.id, 'Discovery');
    await received.atLeast(1);
    await call(`mutation($id: ID!) { updateOpportunity(id: $id, input: { name: "After" }) { id } }`, { id: deal.id });
    await move(deal.id, 'Proposal');
    const changes = (await received.atLeast(2)).changes;
    expect(changes.map((c) => [c.opportunity.name, c.opportunity.version])).toEqual([
      ['Before', 2],
      ['After', 4],
    ]);
  });

  it("puts a new deal in the caller's team when the caller owns it, lets inputs set or clear the team, and filters the list by team", async () => {
    const accountId = randomUUID();
    const own = await createDeal({ accountId }, tokens.rep);
    // Only someone who may assign owners creates deals for others (a REP may not; see access.test.ts).
    const forSomeoneElse = await createDeal({ accountId, ownerId: otherRepId }, tokens.admin);
    const explicit = await createDeal({ accountId, ownerId: otherRepId, teamId: teams.B }, tokens.admin);
    expect([own.team, forSomeoneElse.team, explicit.team]).toEqual([{ id: teams.A }, null, { id: teams.B }]);

    const list = async (teamId: string) =>
      (await call(`query($f: OpportunityFilter) { opportunities(filter: $f) { edges { node { id } } } }`, { f: { accountId, teamId } })).opportunities.edges.map((e: any) => e.node.id);
    expect(await list(teams.A)).toEqual([own.id]);
    expect(await list(teams.B)).toEqual([explicit.id]);

    const cleared = await call(`mutation($id: ID!) { updateOpportunity(id: $id, input: { teamId: null }) { team { id } } }`, { id: own.id });
    expect(cleared.updateOpportunity.team).toBeNull();
    const moved = await call(`mutation($id: ID!, $t: ID!) { updateOpportunity(id: $id, input: { teamId: $t }) { team { id } } }`, { id: forSomeoneElse.id, t: teams.A });
    expect(moved.updateOpportunity.team).toEqual({ id: teams.A });
    expect(await list(teams.A)).toEqual([forSomeoneElse.id]);
  });
});
