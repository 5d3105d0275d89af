import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { SYSTEM_PRINCIPAL, type ServiceHandle } from '@crm/kernel/subgraph';
import { consumedUpTo, createTestDatabase, MemoryEventLog, serveEventLog, startServiceUnderTest, startStubSubgraph, testToken, type ServiceUnderTest, type StubSubgraph, type TestDatabase } from '@crm/testing';
import { buildSchema } from 'graphql';
import { loadConfig } from '../config';
import { ONBOARDING_CONSUMER, type WinEvent } from './onboarding.consumer';
import { start } from '../server';

const DAY = 86_400_000;

/** The two siblings the onboarding consumer talks to, in one stub: opportunities' wins and accounts' owners. */
const SIBLING_SDL = `
  enum StageKind { OPEN WON LOST }
  input DealStageChangedFilter { toStageKind: StageKind }
  type Stage { kind: StageKind! }
  type Ref { id: ID! }
  type Opportunity { id: ID! pipeline: Ref! account: Ref }
  type DealStageChange { cursor: String! changedAt: String! fromStage: Stage opportunity: Opportunity! }
  type Team { id: ID! }
  type User { id: ID! team: Team }
  type Account { id: ID! owner: User! }
  type Query { account(id: ID!): Account }
  type Subscription { dealStageChanged(filter: DealStageChangedFilter, after: String): DealStageChange! }
`;

type Win = Omit<WinEvent, 'cursor'>;

describe('onboarding plans from won deals (activities consuming the opportunities subgraph)', () => {
  /** Made here, not by the harness: the service restarts on it. */
  let database: TestDatabase;
  let service: ServiceUnderTest<ServiceHandle>;
  let sibling: StubSubgraph;
  let admin: string;
  const wins = new MemoryEventLog<Win>();
  /** Accounts the stub accounts subgraph knows, with their owner and the owner's team. */
  const accounts = new Map<string, { ownerId: string; teamId: string | null }>();
  /** What the won deals filter asked for. */
  const filters: unknown[] = [];

  const pipelineId = randomUUID();
  const ownerId = randomUUID();
  const teamId = randomUUID();
  const accountId = randomUUID();
  const dealOwnerId = randomUUID();

  const call = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).call(query, variables);
  const startActivities = async () => {
    service = await startServiceUnderTest({
      loadConfig,
      start,
      env: { OPPORTUNITIES_URL: sibling.url, ACCOUNTS_URL: sibling.url },
      database,
    });
  };
  const win = (fields: Partial<Win> & { opportunityId?: string; account?: string | null; pipeline?: string } = {}): Win => ({
    changedAt: new Date().toISOString(),
    fromStage: { kind: 'OPEN' },
    opportunity: {
      id: fields.opportunityId ?? randomUUID(),
      pipeline: { id: fields.pipeline ?? pipelineId },
      account: fields.account === null ? null : { id: fields.account ?? accountId },
    },
    ...fields,
  });
  const handled = (cursor: string, timeoutMs?: number) => consumedUpTo(service.handle.db, 'activities', ONBOARDING_CONSUMER, cursor, timeoutMs);
  /** The sibling's schema: wins from `wins`, owners from `accounts`; `filters` records what each subscription asked for. */
  const siblingSchema = () => {
    const schema = buildSchema(SIBLING_SDL);
    serveEventLog(schema, 'dealStageChanged', wins, (args) => filters.push(args.filter));
    schema.getQueryType()!.getFields().account!.resolve = (_root, { id }: { id: string }) => {
      const found = accounts.get(id);
      return found ? { id, owner: { id: found.ownerId, team: found.teamId ? { id: found.teamId } : null } } : null;
    };
    return schema;
  };
  const trainings = async (opportunityId: string) => {
    const response = await call(
      `query($id: ID!) { activities(first: 50, filter: { opportunityId: $id, type: TRAINING }, orderBy: { field: TIMELINE, direction: ASC }) {
        totalCount edges { node { id type subject body dueAt completedAt owner { id } team { id } account { id } opportunity { id } } } } }`,
      { id: opportunityId },
    );
    expect(response.errors).toBeUndefined();
    return response.data.activities as { totalCount: number; edges: { node: any }[] };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    sibling = await startStubSubgraph(siblingSchema());
    accounts.set(accountId, { ownerId, teamId });
    admin = await testToken({ role: UserRole.ADMIN });
    // A win from before the service ever ran: onboarding did not exist yet, so it gets no plan.
    wins.append(win({ changedAt: new Date(Date.now() - 60 * DAY).toISOString() }));
    await startActivities();
  });

  afterAll(async () => {
    await service?.stop();
    await sibling?.stop();
    await database?.drop();
  });

  it('makes the default plan for the account owner when a deal is won: kickoff after 3 days, admin training after 14, user training after 30', async () => {
    const opportunityId = randomUUID();
    const won = win({ opportunityId });
    await handled(wins.append(won));
    const { totalCount, edges } = await trainings(opportunityId);
    expect(totalCount).toBe(3);
    const wonAt = Date.parse(won.changedAt);
    expect(edges.map(({ node }) => [node.subject, (Date.parse(node.dueAt) - wonAt) / DAY])).toEqual([
      ['Kickoff', 3],
      ['Admin training', 14],
      ['User training', 30],
    ]);
    for (const { node } of edges) {
      expect(node).toMatchObject({
        type: 'TRAINING',
        completedAt: null,
        owner: { id: ownerId },
        team: { id: teamId },
        account: { id: accountId },
        opportunity: { id: opportunityId },
      });
      expect(node.owner.id).not.toBe(dealOwnerId);
      expect(node.body).toEqual(expect.any(String));
    }
    // The owner, a REP, finds them among their reminders; the system principal is on the audit trail.
    const rep = await testToken({ userId: ownerId, role: UserRole.REP, teamId });
    const reminders = await call(
      `query($owner: ID!, $before: DateTimeISO!) { dueReminders(ownerId: $owner, before: $before) { totalCount edges { node { subject } } } }`,
      { owner: ownerId, before: new Date(wonAt + 31 * DAY).toISOString() },
      rep,
    );
    expect(reminders.data.dueReminders.totalCount).toBe(3);
    const audit = await call(`query($id: ID!) { activity(id: $id) { auditTrail { edges { node { action changedBy { id } } } } } }`, { id: edges[0]!.node.id });
    expect(audit.data.activity.auditTrail.edges).toEqual([{ node: { action: 'CREATE', changedBy: { id: SYSTEM_PRINCIPAL.userId } } }]);
    // It asked only for wins, and as the system principal.
    expect(filters.every((filter) => JSON.stringify(filter) === JSON.stringify({ toStageKind: 'WON' }))).toBe(true);
    expect(sibling.callers.every((caller) => caller.userId === SYSTEM_PRINCIPAL.userId && caller.role === UserRole.ADMIN)).toBe(true);
  });

  it('left out the win from before it first started', async () => {
    const rows = await service.handle.db.query('SELECT count(*)::int AS n FROM activities.onboarding_tasks');
    expect(rows[0].n).toBe(3);
  });

  it("uses the pipeline's own plan, which only an ADMIN sets; bad steps are refused naming the step, an empty plan turns onboarding off", async () => {
    const own = randomUUID();
    const SET = `mutation($pipelineId: ID!, $steps: [TrainingPlanStepInput!]!) {
      setTrainingPlan(pipelineId: $pipelineId, steps: $steps) { pipelineId isDefault steps { position title offsetDays description } updatedBy { id } } }`;
    const steps = [
      { title: 'Workshop', offsetDays: 1, description: 'Scope the rollout' },
      { title: 'Go-live review', offsetDays: 60 },
    ];
    for (const role of [UserRole.MANAGER, UserRole.REP, UserRole.ANALYST]) {
      const refused = await call(SET, { pipelineId: own, steps }, await testToken({ role }));
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await call(SET, { pipelineId: own, steps: [{ title: 'ok', offsetDays: 1 }, { title: ' ', offsetDays: -2 }] });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.problems.map((p: { field: string }) => p.field)).toEqual(['steps[1].title', 'steps[1].offsetDays']);
    const badId = await call(SET, { pipelineId: 'nope', steps });
    expect(badId.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'pipelineId' })]);
    expect((await call(`query($id: ID!) { trainingPlan(pipelineId: $id) { isDefault steps { title } } }`, { id: own })).data.trainingPlan.isDefault).toBe(true);

    const set = await call(SET, { pipelineId: own, steps });
    expect(set.errors).toBeUndefined();
    expect(set.data.setTrainingPlan).toEqual({
      pipelineId: own,
      isDefault: false,
      steps: [
        { position: 0, title: 'Workshop', offsetDays: 1, description: 'Scope the rollout' },
        { position: 1, title: 'Go-live review', offsetDays: 60, description: null },
      ],
      updatedBy: { id: '00000000-0000-4000-8000-000000000001' },
    });
    const analyst = await testToken({ role: UserRole.ANALYST });
    const read = await call(`query($id: ID!) { trainingPlan(pipelineId: $id) { isDefault steps { title offsetDays } } }`, { id: own }, analyst);
    expect(read.data.trainingPlan).toEqual({ isDefault: false, steps: [{ title: 'Workshop', offsetDays: 1 }, { title: 'Go-live review', offsetDays: 60 }] });

    const opportunityId = randomUUID();
    await handled(wins.append(win({ opportunityId, pipeline: own })));
    expect((await trainings(opportunityId)).edges.map(({ node }) => node.subject)).toEqual(['Workshop', 'Go-live review']);

    const off = randomUUID();
    expect((await call(SET, { pipelineId: off, steps: [] })).data.setTrainingPlan).toMatchObject({ isDefault: false, steps: [] });
    const quiet = randomUUID();
    await handled(wins.append(win({ opportunityId: quiet, pipeline: off })));
    expect((await trainings(quiet)).totalCount).toBe(0);
  });

  it('makes nothing for a move between two WON stages, a deal without an account, or an account that no longer exists', async () => {
    const [wonToWon, noAccount, gone] = [randomUUID(), randomUUID(), randomUUID()];
    wins.append(win({ opportunityId: wonToWon, fromStage: { kind: 'WON' } }));
    wins.append(win({ opportunityId: noAccount, account: null }));
    await handled(wins.append(win({ opportunityId: gone, account: randomUUID() })));
    for (const id of [wonToWon, noAccount, gone]) expect((await trainings(id)).totalCount).toBe(0);
  });

  it('makes each plan exactly once: redelivered wins and a restart of the service create nothing twice, while a deal won again gets a new plan', async () => {
    const before = (await service.handle.db.query('SELECT count(*)::int AS n FROM activities.activities'))[0].n;
    // From now on the sibling sends its whole log again on every subscription.
    wins.replayEverything = true;
    await service.stop();
    await startActivities();
    const opportunityId = randomUUID();
    await handled(wins.append(win({ opportunityId })));
    // Reopened and won again: a new stage change, so a second plan.
    await handled(wins.append(win({ opportunityId, changedAt: new Date(Date.now() + 1_000).toISOString() })));
    expect((await trainings(opportunityId)).totalCount).toBe(6);
    const after = (await service.handle.db.query('SELECT count(*)::int AS n FROM activities.activities'))[0].n;
    expect(after - before).toBe(6);
    const perWin = await service.handle.db.query('SELECT win_cursor, count(*)::int AS n FROM activities.onboarding_tasks GROUP BY win_cursor');
    expect(perWin.every((row: { n: number }) => row.n <= 3)).toBe(true);
    wins.replayEverything = false;
  });

  it('waits for a sibling that is down and then catches up', async () => {
    const port = Number(new URL(sibling.url).port);
    await sibling.stop();
    const opportunityId = randomUUID();
    const cursor = wins.append(win({ opportunityId }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await trainings(opportunityId)).totalCount).toBe(0);
    sibling = await startStubSubgraph(siblingSchema(), port);
    await handled(cursor, 20_000);
    expect((await trainings(opportunityId)).totalCount).toBe(3);
  });
});
