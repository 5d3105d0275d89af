import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id subject occurredAt version } }`;

describe('idempotent creates in the activities subgraph', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const tokens = {} as Record<'rep' | 'manager', string>;
  const accountId = randomUUID();

  const create = (input: Record<string, unknown>, token = tokens.rep) => service.as(token).call(CREATE, { input });
  const count = async (where = 'true', params: unknown[] = []): Promise<number> =>
    (await service.handle.db.query(`SELECT count(*)::int AS n FROM activities.activities WHERE ${where}`, params))[0].n;

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    tokens.rep = await testToken({ userId: randomUUID(), role: UserRole.REP, email: 'rep@crm.example' });
    tokens.manager = await testToken({ userId: randomUUID(), role: UserRole.MANAGER, email: 'manager@crm.example' });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('returns the original activity for a retry with the same key and input, without logging it twice', async () => {
    const input = { type: 'CALL', subject: 'Intro call', accountId, idempotencyKey: 'log-intro-call' };
    const first = await create(input);
    expect(first.errors).toBeUndefined();
    const activities = await count();
    // The retry comes later, but gets the first call's defaulted occurredAt, not a new "now".
    const retry = await create(input);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.createActivity).toEqual(first.data.createActivity);
    expect(await count()).toBe(activities);
  });

  it('refuses the same key with a different input with CONFLICT naming idempotencyKey, and writes nothing', async () => {
    expect((await create({ type: 'NOTE', subject: 'Budget approved', accountId, idempotencyKey: 'log-note' })).errors).toBeUndefined();
    const activities = await count();
    const reused = await create({ type: 'NOTE', subject: 'Budget rejected', accountId, idempotencyKey: 'log-note' });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    expect(await count()).toBe(activities);
  });

  it('logs exactly one activity from 10 concurrent identical requests with one key', async () => {
    const input = { type: 'MEETING', subject: 'Quarterly review', accountId, idempotencyKey: randomUUID() };
    const responses = await Promise.all(Array.from({ length: 10 }, () => create(input)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    expect(new Set(responses.map((response) => response.data.createActivity.id)).size).toBe(1);
    expect(await count(`subject = 'Quarterly review'`)).toBe(1);
  });

  it('scopes keys per user: another user may reuse the same key string for their own activity', async () => {
    const input = { type: 'CALL', subject: 'Follow-up', accountId, idempotencyKey: 'shared-key' };
    const mine = await create(input);
    const theirs = await create(input, tokens.manager);
    expect(mine.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.createActivity.id).not.toBe(mine.data.createActivity.id);
    expect(await count(`subject = 'Follow-up'`)).toBe(2);
  });
});
