import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { EventConsumer, type ServiceHandle } from '@crm/kernel/subgraph';
import { eventually, redoMigration, startServiceUnderTest, TEST_GATEWAY_SIGNING_SECRET, testLogger, testPeople, testToken, withSeededDatabase, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { InteractionEvents1768200000001 } from '../migrations/1768200000001-interaction-events';
import { activitiesSeed } from '../seed';
import { start } from '../server';

const DAY = 86_400_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id occurredAt } }`;
const SUMMARY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { feedbackSummary {
  count average nps promoters passives detractors latestComments { comment score occurredAt activity { id type } } } } } }`;
const EVENTS = `subscription Interactions($after: String) { interactionLogged(after: $after) {
  cursor change account { id } activity { id } lastInteractionAt nextInteractionAt recordedAt } }`;

interface Received {
  cursor: string;
  change: string;
  account: { id: string };
  activity: { id: string } | null;
  lastInteractionAt: string | null;
  nextInteractionAt: string | null;
}

describe('feedback summaries and the interaction event stream against a real PostgreSQL', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let admin: string;
  /** A REP in a team of their own. */
  const people = testPeople({ rep: ['REP', 'own'] });
  const { tokens } = people;
  const consumers: EventConsumer<Received>[] = [];
  const call = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).call(query, variables);
  const ok = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).ok(query, variables);
  const create = async (input: Record<string, unknown>, token = admin): Promise<{ id: string; occurredAt: string }> => {
    const data = await ok(CREATE, { input }, token);
    return data.createActivity;
  };

  /** Subscribes to `interactionLogged` as `token` the way the accounts subgraph does: through the kernel's consumer. */
  const listen = async (name: string, token: string): Promise<Received[]> => {
    const received: Received[] = [];
    const consumer = new EventConsumer<Received>({
      name,
      sibling: { url: service.url, signingSecret: TEST_GATEWAY_SIGNING_SECRET, token: async () => token },
      subscription: EVENTS,
      db: service.handle.db,
      logger: testLogger,
      initialBackoffMs: 50,
      handle: async (event) => void received.push(event),
    });
    consumers.push(consumer);
    await consumer.start();
    return received;
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({
      loadConfig,
      start,
      env: { OPPORTUNITIES_URL: 'http://127.0.0.1:9/graphql' },
    });
    admin = await testToken({ role: UserRole.ADMIN });
    await people.sign();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await service?.stop();
  });

  it('sums up an account\'s feedback in SQL: count, average, NPS, promoters, passives, detractors and the 5 latest comments', async () => {
    const accountId = randomUUID();
    const feedback = (score: number | null, body: string | null, daysAgo: number, token = admin) =>
      create({ type: 'FEEDBACK', subject: 'Survey', feedbackScore: score, body, occurredAt: at(-daysAgo * DAY), accountId }, token);
    await feedback(10, 'Love it', 1);
    await feedback(9, 'Very good', 2);
    await feedback(8, null, 3);
    await feedback(6, 'Too slow', 4);
    await feedback(0, 'Crashes all the time', 5);
    await feedback(null, 'Would like a mobile app', 6);
    await feedback(3, 'Reports are confusing', 7, tokens.rep);
    await feedback(7, '   ', 8);
    const deleted = await feedback(10, 'Deleted', 0);
    await call(`mutation($id: ID!) { deleteActivity(id: $id) { id } }`, { id: deleted.id });
    await create({ type: 'CALL', subject: 'Not feedback', body: 'A comment that is not feedback', accountId });

    // Scores 10, 9, 8, 6, 0, 3 (7 has a blank comment, and counts): by hand, 7 responses, sum 43,
    // promoters 2, passives 2 (8, 7), detractors 3 (6, 0, 3): NPS (2 − 3) × 100 ÷ 7 = −14.3, average 6.14.
    const { data, errors } = await call(SUMMARY, { reps: [{ __typename: 'Account', id: accountId }, { __typename: 'Account', id: randomUUID() }] });
    expect(errors).toBeUndefined();
    const [summary, empty] = data._entities.map((e: any) => e.feedbackSummary);
    expect({ ...summary, latestComments: undefined }).toEqual({
      count: 7,
      average: 6.14,
      nps: -14.3,
      promoters: 2,
      passives: 2,
      detractors: 3,
      latestComments: undefined,
    });
    expect(summary.latestComments.map((c: any) => [c.comment, c.score])).toEqual([
      ['Love it', 10],
      ['Very good', 9],
      ['Too slow', 6],
      ['Crashes all the time', 0],
      ['Would like a mobile app', null],
    ]);
    expect(summary.latestComments[0].activity.type).toBe('FEEDBACK');
    expect(empty).toEqual({ count: 0, average: null, nps: null, promoters: 0, passives: 0, detractors: 0, latestComments: [] });

    // A REP's summary covers only the feedback they may read: their own here.
    const mine = await call(SUMMARY, { reps: [{ __typename: 'Account', id: accountId }] }, tokens.rep);
    expect(mine.data._entities[0].feedbackSummary).toMatchObject({ count: 1, average: 3, nps: -100, detractors: 1, latestComments: [{ comment: 'Reports are confusing' }] });
  });

  it("streams every change of an account's interactions with its last and next interaction recomputed, in order; notes, tasks and other edits send nothing", async () => {
    const received = await listen('test.interactions.admin', admin);
    const mine = await listen('test.interactions.rep', tokens.rep);
    const [a, b]: string[] = [randomUUID(), randomUUID()];
    const old = await create({ type: 'CALL', subject: 'Check-in', occurredAt: at(-10 * DAY), accountId: a });
    const planned = await create({ type: 'MEETING', subject: 'QBR', occurredAt: at(5 * DAY), accountId: a });
    await create({ type: 'NOTE', subject: 'Internal', accountId: a });
    await create({ type: 'TASK', subject: 'Prepare the QBR', dueAt: at(DAY), accountId: a });
    const recent = await create({ type: 'EMAIL', subject: 'Offer sent', occurredAt: at(-2 * DAY), accountId: a }, tokens.rep);
    await call(`mutation($id: ID!) { updateActivity(id: $id, input: { subject: "Offer sent (v2)" }) { id } }`, { id: recent.id }, tokens.rep);
    await call(`mutation($id: ID!) { deleteActivity(id: $id) { id } }`, { id: recent.id }, tokens.rep);
    await call(`mutation($id: ID!) { restoreActivity(id: $id) { id } }`, { id: recent.id });
    await call(`mutation($id: ID!, $account: ID!) { updateActivity(id: $id, input: { accountId: $account }) { id } }`, { id: old.id, account: b });

    const ours = () => received.filter((event) => [a, b].includes(event.account.id));
    await eventually(() => ours().length === 7, { what: 'seven events' });
    const simplified = ours().map((e) => [e.change, e.account.id, e.activity?.id ?? null, e.lastInteractionAt, e.nextInteractionAt]);
    expect(simplified).toEqual([
      ['LOGGED', a, old.id, old.occurredAt, null],
      ['LOGGED', a, planned.id, old.occurredAt, planned.occurredAt],
      ['LOGGED', a, recent.id, recent.occurredAt, planned.occurredAt],
      ['DELETED', a, null, old.occurredAt, planned.occurredAt], // the deleted e-mail no longer counts (nor reads)
      ['RESTORED', a, recent.id, recent.occurredAt, planned.occurredAt],
      // Moving the old call to B changes both accounts: the one it left first.
      ['CHANGED', a, old.id, recent.occurredAt, planned.occurredAt],
      ['CHANGED', b, old.id, old.occurredAt, null],
    ]);
    const cursors = ours().map((e) => e.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);

    // The REP hears only about interactions they own: here their e-mail, logged, deleted, restored (and, from
    // the start of the log, their feedback of the test before).
    await eventually(() => mine.filter((e) => e.account.id === a).length === 3, { what: "the REP's three events" });
    expect(mine.filter((e) => e.account.id === a).map((e) => e.change)).toEqual(['LOGGED', 'DELETED', 'RESTORED']);
    expect(mine.filter((e) => e.account.id !== a).map((e) => e.activity?.id ?? null)).toEqual([expect.any(String)]);
  });

  it('starts the log with one BACKFILL event per account with interactions, from the seed and from the migration alike', async () => {
    await withSeededDatabase(activitiesSeed, { seed: 3, scale: 0.05 }, async (db) => {
      const expected = await db.query(`
        SELECT account_id, max(occurred_at) FILTER (WHERE occurred_at <= now()) AS last
          FROM activities.activities
         WHERE account_id IS NOT NULL AND type IN ('CALL', 'MEETING', 'EMAIL', 'FEEDBACK')
         GROUP BY account_id ORDER BY account_id`);
      const read = () =>
        db.query(`SELECT account_id, last_interaction_at AS last FROM activities.interaction_events WHERE change = 'BACKFILL' ORDER BY account_id`);
      expect(expected.length).toBeGreaterThan(10);
      expect(await read()).toEqual(expected);
      // The migration writes the same rows for activities that exist when it runs.
      await redoMigration(db, new InteractionEvents1768200000001());
      expect(await read()).toEqual(expected);
    });
  });
});
