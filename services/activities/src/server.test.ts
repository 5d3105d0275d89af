import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dbQueriesTotal, readConfig, UserRole } from '@crm/kernel';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id version } }`;

describe('activities subgraph against a real PostgreSQL', () => {
  let service: ServiceUnderTest;
  let token: string;
  // Users live in the accounts subgraph; this service only ever sees their ids.
  const repId = randomUUID();
  const call = (query: string, variables?: Record<string, unknown>) => service.as(token).call(query, variables);
  const ok = (query: string, variables?: Record<string, unknown>) => service.as(token).ok(query, variables);
  const create = async (input: Record<string, unknown>): Promise<{ id: string; version: number }> => {
    const data = await ok(CREATE, { input });
    return data.createActivity;
  };
  const count = async () => (await call('{ activities { totalCount } }')).data.activities.totalCount as number;

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    token = await testToken({ userId: repId, role: UserRole.REP, email: 'rep@crm.example' });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('refuses requests without a valid bearer token', async () => {
    const response = await service.as(undefined).call('{ activities { totalCount } }');
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await service.as(`${token.slice(0, -4)}AAAA`).call('{ activities { totalCount } }', {});
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logs a call in one mutation, owned by the caller and dated now', async () => {
    const accountId = randomUUID();
    const before = Date.now();
    const response = await call(
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) {
        id type subject body occurredAt dueAt completedAt timelineAt isOverdue feedbackScore version
        owner { id } account { id } contact { id } opportunity { id } } }`,
      { input: { type: 'CALL', subject: 'Intro call', accountId } },
    );
    expect(response.errors).toBeUndefined();
    const activity = response.data.createActivity;
    expect(activity).toMatchObject({
      type: 'CALL',
      subject: 'Intro call',
      body: null,
      dueAt: null,
      completedAt: null,
      isOverdue: false,
      feedbackScore: null,
      version: 1,
      owner: { id: repId },
      account: { id: accountId },
      contact: null,
      opportunity: null,
    });
    expect(Date.parse(activity.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(activity.occurredAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(activity.timelineAt).toBe(activity.occurredAt);
    const read = await call(`query($id: ID!) { activity(id: $id) { subject } }`, { id: activity.id });
    expect(read.data.activity.subject).toBe('Intro call');
  });

  it('answers null for ids that name no activity', async () => {
    const response = await call(`{ a: activity(id: "${randomUUID()}") { id } b: activity(id: "not-a-uuid") { id } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ a: null, b: null });
  });

  it('answers bad input with BAD_USER_INPUT naming each field and writes nothing', async () => {
    const before = await count();
    const response = await call(CREATE, { input: { type: 'CALL', subject: '', accountId: 'not-a-uuid', feedbackScore: 11 } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = response.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['subject', 'accountId', 'feedbackScore']));
    expect(JSON.stringify(response)).not.toMatch(/stack|SELECT|INSERT/);
    expect(await count()).toBe(before);
  });

  it('refuses a feedback score on a call and an activity linked to nothing, writing nothing', async () => {
    const before = await count();
    const scored = await call(CREATE, { input: { type: 'CALL', subject: 'Call', accountId: randomUUID(), feedbackScore: 7 } });
    expect(scored.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.feedbackScore' }] });
    expect(scored.errors?.[0].message).toContain('only allowed for FEEDBACK activities, got type CALL');

    const unlinked = await call(CREATE, { input: { type: 'NOTE', subject: 'Floating note' } });
    expect(unlinked.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(unlinked.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual([
      'input.accountId',
      'input.contactId',
      'input.opportunityId',
    ]);

    const dueCall = await call(CREATE, { input: { type: 'CALL', subject: 'Call', contactId: randomUUID(), dueAt: at(DAY) } });
    expect(dueCall.errors?.[0].extensions?.problems).toEqual([{ field: 'input.dueAt', message: 'is only allowed for TASK and TRAINING activities, got type CALL' }]);
    expect(await count()).toBe(before);

    const feedback = await call(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { type feedbackScore } }`, {
      input: { type: 'FEEDBACK', subject: 'Quarterly NPS', contactId: randomUUID(), feedbackScore: 9 },
    });
    expect(feedback.data.createActivity).toEqual({ type: 'FEEDBACK', feedbackScore: 9 });
  });

  it('completes a task now, once, and refuses to complete a call', async () => {
    const dueAt = at(2 * DAY);
    const task = await call(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { id occurredAt timelineAt isOverdue version } }`, {
      input: { type: 'TASK', subject: 'Send the proposal', opportunityId: randomUUID(), dueAt },
    });
    expect(task.data.createActivity).toMatchObject({ occurredAt: null, timelineAt: dueAt, isOverdue: false, version: 1 });
    const { id } = task.data.createActivity;

    const complete = `mutation($id: ID!, $v: Int) { completeActivity(id: $id, expectedVersion: $v) { completedAt occurredAt timelineAt version } }`;
    const done = await call(complete, { id, v: 1 });
    expect(done.errors).toBeUndefined();
    const { completedAt, occurredAt, timelineAt, version } = done.data.completeActivity;
    expect(Math.abs(Date.parse(completedAt) - Date.now())).toBeLessThan(5000);
    expect(occurredAt).toBe(completedAt);
    expect(timelineAt).toBe(completedAt);
    expect(version).toBe(2);

    const again = await call(complete, { id });
    expect(again.data.completeActivity).toEqual(done.data.completeActivity);

    const phoneCall = await create({ type: 'CALL', subject: 'Check-in', accountId: randomUUID() });
    const refused = await call(complete, { id: phoneCall.id });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'id' }] });
    const missing = await call(complete, { id: randomUUID() });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('finds overdue tasks and trainings, and open work due before a date', async () => {
    const accountId = randomUUID();
    await create({ type: 'TASK', subject: 'Late task', accountId, dueAt: at(-DAY) });
    await create({ type: 'TRAINING', subject: 'Late training', accountId, dueAt: at(-2 * DAY) });
    await create({ type: 'TASK', subject: 'Upcoming task', accountId, dueAt: at(DAY) });
    await create({ type: 'TASK', subject: 'Done task', accountId, dueAt: at(-3 * DAY), completedAt: at(-4 * DAY) });
    await create({ type: 'CALL', subject: 'A call', accountId });
    const subjects = async (filter: Record<string, unknown>) => {
      const data = await ok(`query($filter: ActivityFilter) { activities(filter: $filter) { totalCount edges { node { subject isOverdue } } } }`, {
        filter: { accountId, ...filter },
      });
      return data.activities.edges.map((e: { node: { subject: string; isOverdue: boolean } }) => `${e.node.subject}${e.node.isOverdue ? ' (overdue)' : ''}`);
    };
    expect(await subjects({ overdue: true })).toEqual(['Late task (overdue)', 'Late training (overdue)']);
    expect((await subjects({ overdue: false })).sort()).toEqual(['A call', 'Done task', 'Upcoming task']);
    expect(await subjects({ type: 'TASK', completed: false })).toEqual(['Upcoming task', 'Late task (overdue)']);
    expect(await subjects({ completed: true })).toEqual(['Done task']);
    expect(await subjects({ dueBefore: at(0), completed: false })).toEqual(['Late task (overdue)', 'Late training (overdue)']);
  });

  it('changes an activity but never leaves it linked to nothing', async () => {
    const contactId = randomUUID();
    const { id } = await create({ type: 'MEETING', subject: 'Demo', accountId: randomUUID(), contactId });
    const update = (input: Record<string, unknown>) =>
      call(`mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { subject body account { id } contact { id } version } }`, { id, input });
    const changed = await update({ subject: 'Product demo', body: 'Went well', accountId: null });
    expect(changed.data.updateActivity).toEqual({ subject: 'Product demo', body: 'Went well', account: null, contact: { id: contactId }, version: 2 });
    const orphaned = await update({ contactId: null });
    expect(orphaned.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const cleared = await update({ subject: null });
    expect(cleared.errors?.[0].extensions?.problems).toEqual([{ field: 'input.subject', message: 'cannot be null' }]);
    const retyped = await update({ type: 'TASK', occurredAt: null, dueAt: at(DAY) });
    expect(retyped.errors).toBeUndefined();
    const scored = await update({ feedbackScore: 3 });
    expect(scored.errors?.[0].extensions?.problems).toEqual([{ field: 'input.feedbackScore', message: 'is only allowed for FEEDBACK activities, got type TASK' }]);
  });

  it('refuses a stale expectedVersion with CONFLICT and the current version', async () => {
    const { id } = await create({ type: 'TASK', subject: 'Book the venue', accountId: randomUUID(), dueAt: at(DAY) });
    const update = (expectedVersion: number, subject: string) =>
      call(`mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { subject version } }`, {
        id,
        input: { subject, expectedVersion },
      });
    expect((await update(1, 'Book the venue for 40')).data.updateActivity).toEqual({ subject: 'Book the venue for 40', version: 2 });
    const stale = await update(1, 'Book the venue for 50');
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const staleComplete = await call(`mutation($id: ID!) { completeActivity(id: $id, expectedVersion: 1) { id } }`, { id });
    expect(staleComplete.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('pages through a filtered timeline newest first, without gaps or repeats', async () => {
    const accountId = randomUUID();
    // Logged out of order, so only the timeline order can put them right.
    for (const hoursAgo of [5, 1, 7, 3, 2, 6, 4]) {
      await create({ type: 'CALL', subject: `Paged call ${hoursAgo}h ago`, accountId, occurredAt: at(-hoursAgo * HOUR) });
    }
    await create({ type: 'NOTE', subject: 'Paged note', accountId, occurredAt: at(-30 * 60_000) });
    await create({ type: 'TASK', subject: 'Paged follow-up', accountId, dueAt: at(DAY) });
    await create({ type: 'CALL', subject: 'Paged call elsewhere', accountId: randomUUID() });

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await call(
        `query($after: String, $accountId: ID!) { activities(first: 3, after: $after, filter: { accountId: $accountId, type: CALL, search: "PAGED" }) {
          totalCount edges { node { subject } } pageInfo { hasNextPage endCursor } } }`,
        { after, accountId },
      );
      expect(page.errors).toBeUndefined();
      expect(page.data.activities.totalCount).toBe(7);
      seen.push(...page.data.activities.edges.map((e: any) => e.node.subject));
      after = page.data.activities.pageInfo.hasNextPage ? page.data.activities.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7].map((h) => `Paged call ${h}h ago`));

    const timeline = await call(`query($accountId: ID!) { activities(first: 3, filter: { accountId: $accountId }) { edges { node { subject } } } }`, { accountId });
    expect(timeline.data.activities.edges.map((e: any) => e.node.subject)).toEqual(['Paged follow-up', 'Paged note', 'Paged call 1h ago']);

    const window = await call(
      `query($accountId: ID!, $from: DateTimeISO, $to: DateTimeISO) { activities(filter: { accountId: $accountId, occurredFrom: $from, occurredTo: $to }, orderBy: { field: TIMELINE, direction: ASC }) { edges { node { subject } } } }`,
      { accountId, from: at(-4.5 * HOUR), to: at(-1.5 * HOUR) },
    );
    expect(window.data.activities.edges.map((e: any) => e.node.subject)).toEqual(['Paged call 4h ago', 'Paged call 3h ago', 'Paged call 2h ago']);
  });

  it('pages by creation time without repeating or skipping rows', async () => {
    const contactId = randomUUID();
    for (let i = 0; i < 5; i++) await create({ type: 'EMAIL', subject: `Rapid ${i}`, contactId });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await call(
        `query($after: String, $contactId: ID!) { activities(first: 2, after: $after, filter: { contactId: $contactId }, orderBy: { field: CREATED_AT, direction: ASC }) {
          edges { node { subject } } pageInfo { hasNextPage endCursor } } }`,
        { after, contactId },
      );
      seen.push(...page.data.activities.edges.map((e: any) => e.node.subject));
      after = page.data.activities.pageInfo.hasNextPage ? page.data.activities.pageInfo.endCursor : null;
    } while (after);
    // Rows logged within one millisecond tie and fall back to id order, so compare as a set.
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Rapid ${i}`));
  });

  it('adds the timeline and lastActivityAt to accounts, contacts and opportunities resolved for the gateway', async () => {
    const [accountId, contactId, opportunityId, quietAccountId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const callAt = at(-3 * DAY);
    const meetingAt = at(-DAY);
    const taskDoneAt = at(-2 * HOUR);
    await create({ type: 'CALL', subject: 'Discovery call', accountId, contactId, occurredAt: callAt });
    await create({ type: 'MEETING', subject: 'Scoping workshop', accountId, opportunityId, occurredAt: meetingAt });
    await create({ type: 'TASK', subject: 'Draft the offer', accountId, dueAt: at(2 * DAY) });
    await create({ type: 'MEETING', subject: 'Planned steering meeting', accountId, occurredAt: at(5 * DAY) });
    await create({ type: 'TASK', subject: 'Send pricing', opportunityId, dueAt: at(-DAY), completedAt: taskDoneAt });

    const timeline = '{ activities(first: 10) { totalCount edges { node { subject } } } lastActivityAt }';
    const response = await call(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Account ${timeline} ... on Contact ${timeline} ... on Opportunity ${timeline} } }`,
      {
        reps: [
          { __typename: 'Account', id: accountId },
          { __typename: 'Contact', id: contactId },
          { __typename: 'Opportunity', id: opportunityId },
          { __typename: 'Account', id: quietAccountId },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    const subjects = (entity: any) => entity.activities.edges.map((e: any) => e.node.subject);
    const [account, contact, opportunity, quiet] = response.data._entities;
    expect(subjects(account)).toEqual(['Planned steering meeting', 'Draft the offer', 'Scoping workshop', 'Discovery call']);
    expect(account.lastActivityAt).toBe(meetingAt);
    expect(subjects(contact)).toEqual(['Discovery call']);
    expect(contact.lastActivityAt).toBe(callAt);
    expect(subjects(opportunity)).toEqual(['Send pricing', 'Scoping workshop']);
    expect(opportunity.lastActivityAt).toBe(taskDoneAt);
    expect(quiet).toEqual({ activities: { totalCount: 0, edges: [] }, lastActivityAt: null });

    const { id } = await create({ type: 'NOTE', subject: 'Referenced note', contactId });
    const activity = await call(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Activity { subject } } }`, {
      reps: [{ __typename: 'Activity', id }],
    });
    expect(activity.data._entities).toEqual([{ subject: 'Referenced note' }]);
  });

  describe('batching', () => {
    const accountIds: string[] = [];
    const queries = async (query: string, variables: Record<string, unknown>) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      const response = await call(query, variables);
      expect(response.errors).toBeUndefined();
      return { response, queries: (await dbQueriesTotal.get()).values[0].value - before };
    };

    beforeAll(async () => {
      for (let i = 0; i < 12; i++) {
        const accountId = randomUUID();
        accountIds.push(accountId);
        await create({ type: 'EMAIL', subject: `Batch e-mail ${i}`, accountId, contactId: randomUUID(), opportunityId: randomUUID(), occurredAt: at(-i * HOUR) });
        await create({ type: 'TASK', subject: `Batch task ${i}`, accountId, dueAt: at(-i * HOUR) });
      }
    });

    it('loads a page of activities with their links and timelines in a constant number of queries', async () => {
      const page = async (first: number) => {
        const { response, queries: n } = await queries(
          `query($first: Int!) { activities(first: $first, filter: { type: EMAIL, search: "batch e-mail" }) { edges { node {
            subject owner { id } opportunity { id lastActivityAt }
            contact { id activities(first: 1) { totalCount } lastActivityAt }
            account { id lastActivityAt activities(first: 2, filter: { type: TASK }) { totalCount edges { node { subject isOverdue } } } } } } } }`,
          { first },
        );
        expect(response.data.activities.edges).toHaveLength(first);
        expect(response.data.activities.edges[0].node.account.activities.edges).toHaveLength(1);
        return n;
      };
      expect(await page(12)).toBe(await page(3));
    });

    it('resolves the timelines of many accounts for the gateway in a constant number of queries', async () => {
      const entities = async (n: number) => {
        const { response, queries: count } = await queries(
          `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { lastActivityAt activities(first: 2) { totalCount edges { node { subject } } } } } }`,
          { reps: accountIds.slice(0, n).map((id) => ({ __typename: 'Account', id })) },
        );
        expect(response.data._entities).toHaveLength(n);
        expect(response.data._entities[0].activities.totalCount).toBe(2);
        return count;
      };
      expect(await entities(12)).toBe(await entities(3));
    });
  });

  it('lets analysts read but not record activities', async () => {
    const analyst = await testToken({ userId: randomUUID(), role: UserRole.ANALYST });
    const read = await service.as(analyst).call('{ activities(first: 1) { totalCount } }', {});
    expect(read.errors).toBeUndefined();
    const write = await service.as(analyst).call(CREATE, { input: { type: 'NOTE', subject: 'Hm', accountId: randomUUID() } });
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a page larger than the documented maximum', async () => {
    const response = await call('{ activities(first: 101) { totalCount } }');
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('activities configuration', () => {
  it('listens on port 4003 unless told otherwise and names the variable that is wrong', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x' }).PORT).toBe(4003);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x', PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '4003' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ DATABASE_URL: 'postgres://x', NODE_ENV: 'production' }, {})).toThrow(/JWT_SECRET/);
  });
});
