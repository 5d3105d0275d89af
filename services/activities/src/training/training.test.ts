import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dbQueriesTotal, UserRole } from '@crm/kernel';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { start } from '../server';

const DAY = 86_400_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id version } }`;
const REFRESHERS = `query($account: ID!) { activities(first: 50, filter: { accountId: $account, type: TRAINING, completed: false, search: "Refresher" }) {
  totalCount edges { node { subject body dueAt owner { id } team { id } account { id } contact { id } } } } }`;
const REMINDERS = `query($owner: ID!, $before: DateTimeISO!, $first: Int, $after: String) {
  dueReminders(ownerId: $owner, before: $before, first: $first, after: $after) { totalCount edges { node { subject dueAt } } pageInfo { hasNextPage endCursor } } }`;
const STATUS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { id trainingStatus {
  doneCount dueCount overdueCount done { subject } due { subject } overdue { subject } } } } }`;

describe('refreshers, reminders and training status against a real PostgreSQL', () => {
  let service: ServiceUnderTest;
  let admin: string;
  let rep: string;
  const repId = randomUUID();
  const teamId = randomUUID();
  const otherRepId = randomUUID();
  const call = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).call(query, variables);
  const ok = (query: string, variables?: Record<string, unknown>, token = admin) => service.as(token).ok(query, variables);
  const create = async (input: Record<string, unknown>, token = admin): Promise<string> => {
    const data = await ok(CREATE, { input }, token);
    return data.createActivity.id;
  };

  beforeAll(async () => {
    // A refresher interval of 30 days instead of the default 365; no sibling to consume from (port 9 refuses).
    service = await startServiceUnderTest({ loadConfig, start, env: { REFRESHER_INTERVAL_DAYS: '30', OPPORTUNITIES_URL: 'http://127.0.0.1:9/graphql' } });
    admin = await testToken({ role: UserRole.ADMIN });
    rep = await testToken({ userId: repId, role: UserRole.REP, teamId, email: 'rep@crm.example' });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('refuses a refresher interval that is not 1 to 3650 whole days, naming the variable', () => {
    for (const bad of ['0', '1.5', '4000', 'soon']) {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', REFRESHER_INTERVAL_DAYS: bad })).toThrow(/REFRESHER_INTERVAL_DAYS/);
    }
  });

  it('completing a training schedules one refresher, due the interval after completion, for the same people and links', async () => {
    const accountId = randomUUID();
    const contactId = randomUUID();
    const id = await create({ type: 'TRAINING', subject: 'Admin training', body: 'Roles and rights', dueAt: at(DAY), accountId, contactId }, rep);
    const completed = await call(`mutation($id: ID!) { completeActivity(id: $id) { completedAt } }`, { id }, rep);
    expect(completed.errors).toBeUndefined();
    const completedAt = Date.parse(completed.data.completeActivity.completedAt);
    const { data } = await call(REFRESHERS, { account: accountId });
    expect(data.activities.totalCount).toBe(1);
    const refresher = data.activities.edges[0].node;
    expect(refresher).toMatchObject({
      subject: 'Refresher: Admin training',
      body: 'Roles and rights',
      owner: { id: repId },
      team: { id: teamId },
      account: { id: accountId },
      contact: { id: contactId },
    });
    expect(Date.parse(refresher.dueAt) - completedAt).toBe(30 * DAY);

    // Completing again, reopening and completing again: still the one refresher.
    await call(`mutation($id: ID!) { completeActivity(id: $id) { id } }`, { id }, rep);
    await call(`mutation($id: ID!) { updateActivity(id: $id, input: { completedAt: null }) { id } }`, { id }, rep);
    await call(`mutation($id: ID!) { completeActivity(id: $id) { id } }`, { id }, rep);
    expect((await call(REFRESHERS, { account: accountId })).data.activities.totalCount).toBe(1);
  });

  it('schedules refreshers for trainings completed by update or logged as done, keeps one "Refresher:" prefix, and none for tasks', async () => {
    const accountId = randomUUID();
    const done = '2026-03-01T10:00:00.000Z';
    const id = await create({ type: 'TRAINING', subject: 'User training', accountId });
    const updated = await call(`mutation($id: ID!, $at: DateTimeISO!) { updateActivity(id: $id, input: { completedAt: $at }) { completedAt } }`, { id, at: done });
    expect(updated.errors).toBeUndefined();
    await create({ type: 'TRAINING', subject: 'Refresher: Kickoff', completedAt: done, accountId });
    await create({ type: 'TASK', subject: 'Send the contract', completedAt: done, accountId });
    const { data } = await call(REFRESHERS, { account: accountId });
    const refreshers = data.activities.edges.map(({ node }: any) => [node.subject, node.dueAt]).sort();
    const due = new Date(Date.parse(done) + 30 * DAY).toISOString();
    expect(refreshers).toEqual([
      ['Refresher: Kickoff', due],
      ['Refresher: User training', due],
    ]);
  });

  it("lists a person's open tasks and trainings due before a time, soonest first, page by page, within what the caller may read", async () => {
    const owner = randomUUID();
    const accountId = randomUUID();
    const before = at(10 * DAY);
    const dueIn = (days: number, subject: string, type = 'TASK') => create({ type, subject, dueAt: at(days * DAY), accountId, ownerId: owner, teamId: null });
    await dueIn(5, 'in five days');
    await dueIn(-2, 'two days overdue', 'TRAINING');
    await dueIn(1, 'tomorrow');
    await dueIn(20, 'after the horizon');
    const done = await dueIn(2, 'already done');
    await call(`mutation($id: ID!) { completeActivity(id: $id) { id } }`, { id: done });
    const deleted = await dueIn(3, 'deleted');
    await call(`mutation($id: ID!) { deleteActivity(id: $id) { id } }`, { id: deleted });
    await create({ type: 'TASK', subject: 'someone else', dueAt: at(DAY), accountId, ownerId: otherRepId });
    await create({ type: 'TASK', subject: 'no due date', accountId, ownerId: owner });

    const first = await call(REMINDERS, { owner, before, first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data.dueReminders.totalCount).toBe(3);
    expect(first.data.dueReminders.edges.map((e: any) => e.node.subject)).toEqual(['two days overdue', 'tomorrow']);
    const second = await call(REMINDERS, { owner, before, first: 2, after: first.data.dueReminders.pageInfo.endCursor });
    expect(second.data.dueReminders.edges.map((e: any) => e.node.subject)).toEqual(['in five days']);
    expect(second.data.dueReminders.pageInfo.hasNextPage).toBe(false);

    // A REP of another team reads none of them; a bad id is BAD_USER_INPUT naming ownerId.
    expect((await call(REMINDERS, { owner, before }, rep)).data.dueReminders.totalCount).toBe(0);
    const bad = await call(REMINDERS, { owner: 'me', before });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('ownerId');
  });

  it("says which of an account's trainings were done, are due and are overdue, for many accounts in a constant number of queries", async () => {
    const accountId = randomUUID();
    const id = await create({ type: 'TRAINING', subject: 'Kickoff', dueAt: at(-10 * DAY), accountId });
    await call(`mutation($id: ID!) { completeActivity(id: $id) { id } }`, { id });
    await create({ type: 'TRAINING', subject: 'Admin training', dueAt: at(-3 * DAY), accountId });
    await create({ type: 'TRAINING', subject: 'Go-live', dueAt: at(-1 * DAY), accountId, ownerId: repId, teamId });
    await create({ type: 'TRAINING', subject: 'User training', dueAt: at(7 * DAY), accountId });
    await create({ type: 'TRAINING', subject: 'Someday', accountId });
    await create({ type: 'TASK', subject: 'Not a training', dueAt: at(-1 * DAY), accountId });
    const gone = await create({ type: 'TRAINING', subject: 'Deleted', dueAt: at(-1 * DAY), accountId });
    await call(`mutation($id: ID!) { deleteActivity(id: $id) { id } }`, { id: gone });

    const status = await call(STATUS, { reps: [{ __typename: 'Account', id: accountId }] });
    expect(status.errors).toBeUndefined();
    const figures = status.data._entities[0].trainingStatus;
    // Kickoff is done; its refresher (due in 30 days) is among the due ones.
    expect([figures.doneCount, figures.dueCount, figures.overdueCount]).toEqual([1, 3, 2]);
    expect(figures.done).toEqual([{ subject: 'Kickoff' }]);
    expect(figures.due).toEqual([{ subject: 'User training' }, { subject: 'Refresher: Kickoff' }, { subject: 'Someday' }]);
    expect(figures.overdue).toEqual([{ subject: 'Admin training' }, { subject: 'Go-live' }]);

    // A REP counts only the trainings they may read: their own.
    const mine = await call(STATUS, { reps: [{ __typename: 'Account', id: accountId }] }, rep);
    expect(mine.data._entities[0].trainingStatus).toMatchObject({ doneCount: 0, dueCount: 0, overdueCount: 1, overdue: [{ subject: 'Go-live' }] });

    // An account without trainings; and the same number of SQL queries for 2 accounts as for 8.
    const empty = randomUUID();
    const none = await call(STATUS, { reps: [{ __typename: 'Account', id: empty }] });
    expect(none.data._entities[0].trainingStatus).toEqual({ doneCount: 0, dueCount: 0, overdueCount: 0, done: [], due: [], overdue: [] });
    const queriesFor = async (count: number) => {
      const reps = [accountId, ...Array.from({ length: count - 1 }, () => randomUUID())].map((id) => ({ __typename: 'Account', id }));
      const before = (await dbQueriesTotal.get()).values[0]?.value ?? 0;
      const data = await ok(STATUS, { reps });
      return ((await dbQueriesTotal.get()).values[0]?.value ?? 0) - before;
    };
    expect(await queriesFor(8)).toBe(await queriesFor(2));
  });
});
