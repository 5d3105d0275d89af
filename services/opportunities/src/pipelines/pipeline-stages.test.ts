import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { problemOf, startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { createTestPipeline, NEW_BUSINESS_STAGES, RENEWAL_STAGES } from './pipeline-stages.fixture';
import { start } from '../server';

type Who = 'admin' | 'manager' | 'rep' | 'analyst';
type StageRow = { id: string; name: string; kind: string; probability: number; position: number };

/** Editing the stages of a pipeline that is in use: what may change, what must not, and that deals and history keep theirs. */
describe('updatePipelineStages', () => {
  let service: ServiceUnderTest;
  const people = testPeople({ admin: 'ADMIN', manager: 'MANAGER', rep: 'REP', analyst: 'ANALYST' });
  const { tokens } = people;
  const pipeline = {} as Record<'sales' | 'renewals', string>;

  const STAGES = `id name kind probability position`;
  const UPDATE = `mutation($p: ID!, $input: UpdatePipelineStagesInput!) { updatePipelineStages(pipelineId: $p, input: $input) { name stages { ${STAGES} } } }`;
  const call = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).call(query, variables);
  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const stagesOf = async (p: string): Promise<StageRow[]> => (await ok('analyst', `query($p: ID!) { pipeline(id: $p) { stages { ${STAGES} } } }`, { p })).pipeline.stages;
  /** The list as the mutation takes it, from stages as read. */
  const asInput = (stages: StageRow[]) => stages.map(({ id, name, kind, probability }) => ({ id, name, kind, probability }));
  const byName = (stages: StageRow[], name: string) => stages.find((s) => s.name === name)!;

  const createDeal = async (stageId: string, amount = '1000.00') =>
    (await ok('admin', `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`, {
      input: { name: 'Deal', accountId: randomUUID(), amount: { amount, currency: 'EUR' }, expectedCloseDate: '2027-03-31', stageId },
    })).createOpportunity as { id: string; version: number };

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    for (const [key, name, stages] of [['sales', 'Sales', NEW_BUSINESS_STAGES], ['renewals', 'Renewals', RENEWAL_STAGES]] as const) {
      pipeline[key] = (await createTestPipeline(service.as(tokens.admin), name, stages)).id;
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('renames, re-weights, reorders, adds and removes stages in one change; deals keep their stage and weigh by the new probability', async () => {
    const before = await stagesOf(pipeline.sales);
    const deal = await createDeal(byName(before, 'Proposal').id);
    const [qualification, discovery, proposal, negotiation, won, lost] = before;
    const input = [
      { ...asInput([qualification!])[0], name: 'Lead' },
      { name: 'Demo', kind: 'OPEN', probability: 30 },
      { ...asInput([negotiation!])[0] },
      { ...asInput([proposal!])[0], probability: 60 },
      ...asInput([won!, lost!]),
    ];
    // Discovery was never used, so it may go.
    const { updatePipelineStages } = await ok('manager', UPDATE, { p: pipeline.sales, input: { stages: input } });
    expect(updatePipelineStages.stages.map((s: StageRow) => [s.name, s.kind, s.probability, s.position])).toEqual([
      ['Lead', 'OPEN', 10, 0],
      ['Demo', 'OPEN', 30, 1],
      ['Negotiation', 'OPEN', 75, 2],
      ['Proposal', 'OPEN', 60, 3],
      ['Closed Won', 'WON', 100, 4],
      ['Closed Lost', 'LOST', 0, 5],
    ]);
    const after = await stagesOf(pipeline.sales);
    expect(after).toEqual(updatePipelineStages.stages);
    expect(byName(after, 'Lead').id).toBe(qualification!.id);
    expect(byName(after, 'Proposal').id).toBe(proposal!.id);
    expect(after.map((s) => s.id)).not.toContain(discovery!.id);

    const read = await ok('admin', `query($id: ID!) { opportunity(id: $id) { stage { name } weightedAmount { amount } } }`, { id: deal.id });
    expect(read.opportunity).toEqual({ stage: { name: 'Proposal' }, weightedAmount: { amount: '600.00' } });
    const summary = await ok('admin', `query($p: ID!) { pipelineSummary(pipelineId: $p) { stages { stage { name } count weightedAmount { amount } } } }`, { p: pipeline.sales });
    expect(summary.pipelineSummary.stages.map((s: any) => [s.stage.name, s.count])).toEqual([['Lead', 0], ['Demo', 0], ['Negotiation', 0], ['Proposal', 1], ['Closed Won', 0], ['Closed Lost', 0]]);
    // The new stage is a stage like any other.
    const moved = await ok('admin', `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { stage { name } stageHistory { toStage { name } } } }`, {
      input: { opportunityId: deal.id, stageId: byName(after, 'Demo').id, expectedVersion: deal.version },
    });
    expect(moved.moveOpportunityStage).toEqual({ stage: { name: 'Demo' }, stageHistory: [{ toStage: { name: 'Proposal' } }, { toStage: { name: 'Demo' } }] });
  });

  it('swaps the names and places of two stages', async () => {
    const before = await stagesOf(pipeline.renewals);
    const [due, renewed, churned] = asInput(before);
    const { updatePipelineStages } = await ok('admin', UPDATE, {
      p: pipeline.renewals,
      input: { stages: [due, { ...churned, name: 'Renewed' }, { ...renewed, name: 'Churned' }] },
    });
    expect(updatePipelineStages.stages.map((s: StageRow) => [s.id, s.name, s.kind, s.position])).toEqual([
      [due!.id, 'Renewal Due', 'OPEN', 0],
      [churned!.id, 'Renewed', 'LOST', 1],
      [renewed!.id, 'Churned', 'WON', 2],
    ]);
    // And back, so the kinds read naturally again.
    await ok('admin', UPDATE, { p: pipeline.renewals, input: { stages: asInput(before) } });
    expect(await stagesOf(pipeline.renewals)).toEqual(before);
  });

  it('refuses, naming the field, what would break deals or history, and changes nothing', async () => {
    const before = await stagesOf(pipeline.sales);
    const used = byName(before, 'Demo');
    const current = asInput(before);
    const update = (who: Who, stages: unknown[], p = pipeline.sales) => call(who, UPDATE, { p, input: { stages } });

    const dropUsed = await update('admin', current.filter((s) => s.id !== used.id));
    expect(problemOf(dropUsed)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.stages'] });
    expect(dropUsed.errors![0]!.message).toBe(
      'Invalid input: input.stages: stage "Demo" was left out but cannot be removed: 1 deal (deleted ones included) in it and 1 stage change referring to it; keep it in the list',
    );
    expect(problemOf(await update('admin', current.map((s) => (s.id === used.id ? { ...s, kind: 'LOST', probability: 0 } : s))))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.stages.1.kind'] });
    const foreign = (await stagesOf(pipeline.renewals))[0]!;
    expect(problemOf(await update('admin', [...current, { id: foreign.id, name: 'Borrowed', kind: 'OPEN', probability: 5 }]))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.stages.6.id'] });
    expect(problemOf(await update('admin', [...current, { ...current[0], name: 'Twice' }]))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.stages.6.id'] });
    expect(problemOf(await update('admin', current.filter((s) => s.kind !== 'WON')))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.stages'] });
    expect(problemOf(await update('admin', current.map((s) => (s.kind === 'WON' ? { ...s, probability: 90 } : s))))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.stages.4.probability'] });
    expect(problemOf(await update('admin', [...current, { name: 'lead', kind: 'OPEN', probability: 5 }]))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.stages.6.name'] });
    expect(problemOf(await update('admin', current, randomUUID()))?.code).toBe('NOT_FOUND');
    for (const who of ['rep', 'analyst'] as const) expect(problemOf(await update(who, current))?.code).toBe('FORBIDDEN');

    expect(await stagesOf(pipeline.sales)).toEqual(before);
  });
});
