import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

const STAGES = [
  { name: 'Qualification', kind: 'OPEN', probability: 10 },
  { name: 'Proposal', kind: 'OPEN', probability: 50 },
  { name: 'Closed Won', kind: 'WON', probability: 100 },
  { name: 'Closed Lost', kind: 'LOST', probability: 0 },
];

const DEAL_FIELDS = 'id name version stage { name } stageHistory { toStage { name } }';

describe('idempotent creates and stage moves in the opportunities subgraph', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const tokens = {} as Record<'admin' | 'rep', string>;
  const stage: Record<string, string> = {};

  const call = (query: string, variables?: Record<string, unknown>, token = tokens.admin) => service.as(token).call(query, variables);
  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    (await service.handle.db.query(`SELECT count(*)::int AS n FROM opportunities.${table} WHERE ${where}`, params))[0].n;
  const dealInput = (input: Record<string, unknown> = {}) => ({
    name: 'Deal',
    accountId: '6f1d3c1e-0b8a-4f7e-9c2d-5a4b3c2d1e0f',
    amount: { amount: '1000.00', currency: 'EUR' },
    expectedCloseDate: '2026-12-31',
    ...input,
  });
  const createDeal = (input: Record<string, unknown>, token = tokens.admin) =>
    call(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { ${DEAL_FIELDS} } }`, { input }, token);
  const move = (input: Record<string, unknown>, token = tokens.admin) =>
    call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { ${DEAL_FIELDS} } }`, { input }, token);

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    tokens.admin = await testToken({ userId: randomUUID(), role: UserRole.ADMIN });
    tokens.rep = await testToken({ userId: randomUUID(), role: UserRole.REP, email: 'rep@crm.example' });
    const { data, errors } = await call(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { stages { id name } } }`, {
      input: { name: 'New Business', stages: STAGES },
    });
    expect(errors).toBeUndefined();
    for (const s of data.createPipeline.stages) stage[s.name] = s.id;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('returns the original deal for a retry of createOpportunity, with no second deal and no second stage-history row', async () => {
    const input = dealInput({ name: 'Globex renewal', idempotencyKey: 'create-globex' });
    const first = await createDeal(input);
    expect(first.errors).toBeUndefined();
    const [deals, changes] = [await count('opportunities'), await count('stage_changes')];
    const retry = await createDeal(input);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.createOpportunity).toEqual(first.data.createOpportunity);
    expect(await count('opportunities')).toBe(deals);
    expect(await count('stage_changes')).toBe(changes);
  });

  it('refuses createOpportunity with a used key and a different input with CONFLICT, and writes nothing', async () => {
    expect((await createDeal(dealInput({ name: 'Initech', idempotencyKey: 'create-initech' }))).errors).toBeUndefined();
    const [deals, changes] = [await count('opportunities'), await count('stage_changes')];
    const reused = await createDeal(dealInput({ name: 'Initech', amount: { amount: '2000.00', currency: 'EUR' }, idempotencyKey: 'create-initech' }));
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    expect(await count('opportunities')).toBe(deals);
    expect(await count('stage_changes')).toBe(changes);
  });

  it('creates exactly one deal and one stage-history row from 10 concurrent identical createOpportunity calls with one key', async () => {
    const input = dealInput({ name: 'Umbrella', idempotencyKey: randomUUID() });
    const responses = await Promise.all(Array.from({ length: 10 }, () => createDeal(input)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    const ids = new Set(responses.map((response) => response.data.createOpportunity.id));
    expect(ids.size).toBe(1);
    expect(await count('opportunities', `name = 'Umbrella'`)).toBe(1);
    expect(await count('stage_changes', 'opportunity_id = $1', [[...ids][0]])).toBe(1);
  });

  it('scopes keys per user: another user may reuse the same key string for their own deal', async () => {
    const mine = await createDeal(dealInput({ name: 'Hooli', idempotencyKey: 'shared-key' }));
    const theirs = await createDeal(dealInput({ name: 'Hooli', idempotencyKey: 'shared-key' }), tokens.rep);
    expect(mine.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.createOpportunity.id).not.toBe(mine.data.createOpportunity.id);
    expect(await count('opportunities', `name = 'Hooli'`)).toBe(2);
  });

  it('moves a deal once when moveOpportunityStage is retried with the same key, though expectedVersion is stale by then', async () => {
    const deal = (await createDeal(dealInput({ name: 'Soylent' }))).data.createOpportunity;
    const input = { opportunityId: deal.id, stageId: stage['Proposal'], expectedVersion: deal.version, idempotencyKey: 'move-soylent' };
    const first = await move(input);
    expect(first.errors).toBeUndefined();
    expect(first.data.moveOpportunityStage).toMatchObject({ version: deal.version + 1, stage: { name: 'Proposal' } });
    const retry = await move(input);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.moveOpportunityStage).toEqual(first.data.moveOpportunityStage);
    expect(await count('stage_changes', 'opportunity_id = $1 AND from_stage_id IS NOT NULL', [deal.id])).toBe(1);
    // The same key for another target is refused; without the key the stale version is.
    const reused = await move({ ...input, stageId: stage['Closed Won'] });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    const keyless = await move({ ...input, idempotencyKey: undefined });
    expect(keyless.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: deal.version + 1 });
    expect(await count('stage_changes', 'opportunity_id = $1', [deal.id])).toBe(2);
  });

  it('moves a deal once from 10 concurrent identical moveOpportunityStage calls with one key, and answers all 10 with success', async () => {
    const deal = (await createDeal(dealInput({ name: 'Vandelay' }))).data.createOpportunity;
    const input = { opportunityId: deal.id, stageId: stage['Closed Won'], expectedVersion: deal.version, idempotencyKey: randomUUID() };
    const responses = await Promise.all(Array.from({ length: 10 }, () => move(input)));
    for (const response of responses) {
      expect(response.errors).toBeUndefined();
      expect(response.data.moveOpportunityStage).toMatchObject({ version: deal.version + 1, stage: { name: 'Closed Won' } });
    }
    expect(await count('stage_changes', 'opportunity_id = $1', [deal.id])).toBe(2);
  });

  it('returns the original pipeline for a retry of createPipeline', async () => {
    const input = { name: 'Renewals', stages: STAGES, idempotencyKey: 'create-renewals' };
    const send = () => call(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages { id } } }`, { input });
    const first = await send();
    expect(first.errors).toBeUndefined();
    const retry = await send();
    expect(retry.errors).toBeUndefined();
    expect(retry.data.createPipeline).toEqual(first.data.createPipeline);
    expect(await count('pipelines', `name = 'Renewals'`)).toBe(1);
  });
});
