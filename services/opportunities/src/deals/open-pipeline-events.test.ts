import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { encodeEventCursor, UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { eventually, redoMigration, signedConnectionParams, startServiceUnderTest, testPeople, testToken, withSeededDatabase, type ServiceUnderTest } from '@crm/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../config';
import { OpenPipelineEvents1768300000000 } from '../migrations/1768300000000-open-pipeline-events';
import { createTestPipeline, NEW_BUSINESS_STAGES } from '../pipelines/pipeline-stages.fixture';
import { opportunitiesSeed } from '../seed';
import { openPipelinePredicate, snapshotSql } from './open-pipeline-changed.log';
import { start } from '../server';

const EVENTS = `subscription OpenPipeline($after: String) { openPipelineChanged(after: $after) {
  cursor change account { id } opportunity { id } openPipeline { amount currency } shares { owner { id } team { id } amount { amount currency } } recordedAt } }`;

interface Received {
  cursor: string;
  change: string;
  account: { id: string };
  opportunity: { id: string } | null;
  openPipeline: { amount: string; currency: string }[];
  shares: { owner: { id: string }; team: { id: string } | null; amount: { amount: string; currency: string } }[];
}

describe('the openPipelineChanged outbox: every deal write that changes an account\'s open pipeline, in its transaction', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let admin: string;
  /** A REP in a team of their own. */
  const people = testPeople({ rep: ['REP', 'own'] });
  const { tokens } = people;
  const stage: Record<string, string> = {};
  const clients: Client[] = [];
  const call = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).ok(query, variables);
  const createDeal = async (input: Record<string, unknown>, token = admin): Promise<string> =>
    (await call(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, { input: { expectedCloseDate: '2030-01-31', ...input } }, token)).createOpportunity.id;
  const update = (id: string, input: Record<string, unknown>) => call(`mutation($id: ID!, $input: UpdateOpportunityInput!) { updateOpportunity(id: $id, input: $input) { id } }`, { id, input });

  /** Subscribes to `openPipelineChanged` as `token` from the start of the log, straight to this subgraph over graphql-ws. */
  const listen = async (token: string): Promise<Received[]> => {
    const received: Received[] = [];
    const client = createClient({
      url: service.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: signedConnectionParams(service.url, { authorization: `Bearer ${token}` }),
    });
    clients.push(client);
    client.subscribe<{ openPipelineChanged: Received }>(
      { query: EVENTS, variables: { after: encodeEventCursor(0) } },
      {
        next: (result) => {
          if (result.errors) throw new Error(JSON.stringify(result.errors));
          received.push(result.data!.openPipelineChanged);
        },
        error: (error) => received.push({ change: `ERROR ${JSON.stringify(error)}` } as Received),
        complete: () => undefined,
      },
    );
    return received;
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    admin = await testToken({ role: UserRole.ADMIN });
    await people.sign();
    Object.assign(stage, (await createTestPipeline(service.as(admin), 'New business', NEW_BUSINESS_STAGES)).stages);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await service?.stop();
  });

  it("records each account's recomputed open pipeline, per currency and per owner and team, for every write that changes it and no other", async () => {
    const received = await listen(admin);
    const mine = await listen(tokens.rep);
    const [a, b]: string[] = [randomUUID(), randomUUID()];
    const adminId = '00000000-0000-4000-8000-000000000001';

    const big = await createDeal({ name: 'Big', accountId: a, amount: { amount: '1000.00', currency: 'EUR' } });
    const repDeal = await createDeal({ name: 'Rep', accountId: a, amount: { amount: '250.50', currency: 'eur' } }, tokens.rep);
    const dollars = await createDeal({ name: 'Dollars', accountId: a, amount: { amount: '99.99', currency: 'USD' } });
    await createDeal({ name: 'Won at once', accountId: a, amount: { amount: '5.00', currency: 'EUR' }, stageId: stage['Closed Won'] }); // never open: no event
    await update(big, { name: 'Big deal' }); // a rename changes no pipeline: no event
    await call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, { input: { opportunityId: big, stageId: stage.Discovery } }); // OPEN → OPEN: no event
    await update(big, { amount: { amount: '1500.00', currency: 'EUR' } });
    await call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, { input: { opportunityId: dollars, stageId: stage['Closed Won'] } });
    await update(dollars, { stageId: stage.Proposal }); // reopened
    await update(repDeal, { accountId: b }); // both accounts change: the one it left first
    await call(`mutation($id: ID!) { deleteOpportunity(id: $id) { id } }`, { id: big });
    await call(`mutation($id: ID!) { restoreOpportunity(id: $id) { id } }`, { id: big });

    const ours = () => received.filter((event) => [a, b].includes(event.account.id));
    await eventually(() => ours().length === 10, { what: 'ten events', timeoutMs: 5_000, intervalMs: 25 });
    const eur = (amount: string) => ({ amount, currency: 'EUR' });
    const usd = (amount: string) => ({ amount, currency: 'USD' });
    expect(ours().map((e) => [e.change, e.account.id === a ? 'A' : 'B', e.opportunity?.id ?? null, e.openPipeline])).toEqual([
      ['CREATED', 'A', big, [eur('1000.00')]],
      ['CREATED', 'A', repDeal, [eur('1250.50')]],
      ['CREATED', 'A', dollars, [eur('1250.50'), usd('99.99')]],
      ['CHANGED', 'A', big, [eur('1750.50'), usd('99.99')]],
      ['CHANGED', 'A', dollars, [eur('1750.50')]], // won: no longer open
      ['CHANGED', 'A', dollars, [eur('1750.50'), usd('99.99')]], // reopened
      ['CHANGED', 'A', repDeal, [eur('1500.00'), usd('99.99')]],
      ['CHANGED', 'B', repDeal, [eur('250.50')]],
      ['DELETED', 'A', null, [usd('99.99')]], // a deleted deal no longer counts, nor reads
      ['RESTORED', 'A', big, [eur('1500.00'), usd('99.99')]],
    ]);
    // Shares per owner and team let the accounts subgraph apply the deals' read rule.
    expect(ours()[2]!.shares).toEqual(
      expect.arrayContaining([
        { owner: { id: adminId }, team: null, amount: eur('1000.00') },
        { owner: { id: people.id('rep') }, team: { id: people.teams.own }, amount: eur('250.50') },
        { owner: { id: adminId }, team: null, amount: usd('99.99') },
      ]),
    );
    expect(ours()[2]!.shares).toHaveLength(3);
    const cursors = ours().map((e) => e.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
    // An event adds up every owner's deals: a REP receives none, not even of their own deal.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mine).toEqual([]);
    // Because the REP's predicate is valid SQL that matches nothing, not because it failed.
    const { text, values } = openPipelinePredicate({ principal: people.principals.rep, filter: null });
    expect(await service.handle.db.query(`SELECT count(*)::int AS n FROM opportunities.open_pipeline_events WHERE ${text}`, values)).toEqual([{ n: 0 }]);
  });

  it('writes nothing when the deal write fails: the event is part of its transaction', async () => {
    const before = (await service.handle.db.query(`SELECT count(*)::int AS n FROM opportunities.open_pipeline_events`))[0].n;
    const deal = await createDeal({ name: 'Versioned', accountId: randomUUID(), amount: { amount: '10.00', currency: 'EUR' } });
    const stale = await service.as(admin).call(`mutation($id: ID!) { updateOpportunity(id: $id, input: { amount: { amount: "20.00", currency: "EUR" }, expectedVersion: 7 }) { id } }`, { id: deal });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await service.handle.db.query(`SELECT count(*)::int AS n FROM opportunities.open_pipeline_events`))[0].n).toBe(before + 1);
  });

  it('starts the log with one BACKFILL event per account with open deals, from the seed and from the migration alike', async () => {
    await withSeededDatabase(opportunitiesSeed, { seed: 3, scale: 0.05 }, async (db) => {
      // Hand-computed from the deals: every live open deal, summed per account and currency.
      const expected = await db.query(`
        SELECT deal.account_id, deal.currency, sum(deal.amount)::text AS amount
          FROM opportunities.opportunities deal JOIN opportunities.stages stage ON stage.id = deal.stage_id
         WHERE stage.kind = 'OPEN' AND deal.deleted_at IS NULL
         GROUP BY deal.account_id, deal.currency ORDER BY deal.account_id, deal.currency`);
      const read = () =>
        db.query(`
          SELECT event.account_id, total->>'currency' AS currency, total->>'amount' AS amount
            FROM opportunities.open_pipeline_events event, jsonb_array_elements(event.open_pipeline) AS total
           WHERE event.change = 'BACKFILL' ORDER BY event.account_id, currency`);
      expect(expected.length).toBeGreaterThan(5);
      expect(await read()).toEqual(expected);
      await redoMigration(db, new OpenPipelineEvents1768300000000());
      expect(await read()).toEqual(expected);
    });
  });

  it("writes the seed's BACKFILL events exactly as one snapshot per account with open deals, in account order, would", async () => {
    await withSeededDatabase(opportunitiesSeed, { seed: 42, scale: 0.2 }, async (db) => {
      const columns = `account_id, opportunity_id, change, open_pipeline::text AS open_pipeline, shares::text AS shares`;
      const seeded = await db.query(`SELECT ${columns} FROM opportunities.open_pipeline_events WHERE change = 'BACKFILL' ORDER BY seq`);
      expect(seeded.length).toBeGreaterThan(20);
      const [{ last }] = await db.query(`SELECT max(seq) AS last FROM opportunities.open_pipeline_events`);
      // The per-account snapshot every other writer uses, over the same accounts, in a transaction rolled back afterwards.
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(
          snapshotSql(`
            SELECT DISTINCT deal.account_id, 0 AS position FROM opportunities.opportunities deal JOIN opportunities.stages stage ON stage.id = deal.stage_id
             WHERE deal.deleted_at IS NULL AND stage.kind = 'OPEN'`) + ' SELECT count(*) FROM recorded',
          [null, 'BACKFILL'],
        );
        expect(seeded).toEqual(await runner.query(`SELECT ${columns} FROM opportunities.open_pipeline_events WHERE seq > $1 ORDER BY seq`, [last]));
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });
});
