import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { problemOf, startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { dealStagePredicate } from './deals/deal-stage-changed.log';
import { createTestPipeline, NEW_BUSINESS_STAGES } from './pipelines/pipeline-stages.fixture';
import { start } from './server';

type Who = 'admin' | 'managerA' | 'repA1' | 'repA2' | 'repB' | 'analyst';

/**
 * Who reads and writes which deals, deletes and restores them, and reads their audit trail — each
 * rule checked through the subgraph's GraphQL API on real PostgreSQL.
 */
describe('access to deals, soft delete and the audit trail', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const people = testPeople({ admin: 'ADMIN', managerA: ['MANAGER', 'A'], repA1: ['REP', 'A'], repA2: ['REP', 'A'], repB: ['REP', 'B'], analyst: 'ANALYST' });
  const { principals, tokens } = people;
  const stage: Record<string, string> = {};
  const accountId = randomUUID();
  /** mine: repA1's, shared with team A; theirs: repB's, team B; private: repA2's, no team; shared: repA2's, team A. */
  const deal = {} as Record<'mine' | 'theirs' | 'private' | 'shared', string>;

  const call = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).call(query, variables);
  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const ids = async (who: Who, filter: Record<string, unknown> = {}) => {
    const data = await ok(who, `query($filter: OpportunityFilter) { opportunities(first: 100, filter: $filter) { totalCount edges { node { id } } } }`, { filter });
    const list = data.opportunities.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    expect(data.opportunities.totalCount).toBe(list.length);
    return list;
  };
  const update = (who: Who, id: string, input: Record<string, unknown>) =>
    call(who, `mutation($id: ID!, $input: UpdateOpportunityInput!) { updateOpportunity(id: $id, input: $input) { id ownerId: owner { id } team { id } version } }`, { id, input });
  const entities = async (who: Who, id: string) => {
    const data = await ok(who, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Opportunity { id } } }`, {
      r: [{ __typename: 'Opportunity', id }],
    });
    return data._entities[0];
  };
  const create = async (who: Who, input: Record<string, unknown>) => {
    const data = await ok(who, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
      input: { name: 'Deal', accountId, amount: { amount: '1000.00', currency: 'EUR' }, expectedCloseDate: '2026-12-31', ...input },
    });
    return data.createOpportunity.id as string;
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    Object.assign(stage, (await createTestPipeline(service.as(tokens.admin), 'New Business', NEW_BUSINESS_STAGES)).stages);
    deal.mine = await create('repA1', {});
    deal.theirs = await create('repB', {});
    deal.private = await create('admin', { ownerId: principals.repA2.userId, teamId: null });
    deal.shared = await create('repA2', {});
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('lists and counts every deal for ADMIN, MANAGER and ANALYST, and only their own and their team\'s for a REP', async () => {
    const all = Object.values(deal).sort();
    for (const who of ['admin', 'managerA', 'analyst'] as const) expect(await ids(who)).toEqual(all);
    expect(await ids('repA1')).toEqual([deal.mine, deal.shared].sort());
    expect(await ids('repA2')).toEqual([deal.mine, deal.private, deal.shared].sort());
    expect(await ids('repB')).toEqual([deal.theirs]);
  });

  it('answers a REP\'s lookup and _entities of a deal they may not read with null, as if it did not exist', async () => {
    const { data } = await call('repA1', `query($id: ID!) { opportunity(id: $id) { id } }`, { id: deal.theirs });
    expect(data.opportunity).toBeNull();
    expect(await entities('repA1', deal.theirs)).toBeNull();
    expect(await entities('repA1', deal.private)).toBeNull();
    expect(await entities('repA1', deal.shared)).toEqual({ id: deal.shared });
    expect(await entities('analyst', deal.theirs)).toEqual({ id: deal.theirs });
  });

  it('sums only the deals the caller may read in Account.openPipelineValue', async () => {
    const value = async (who: Who) =>
      (await call(who, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { openPipelineValue { amount currency } } } }`, {
        r: [{ __typename: 'Account', id: accountId }],
      })).data._entities[0].openPipelineValue;
    expect(await value('admin')).toEqual([{ amount: '4000.00', currency: 'EUR' }]);
    expect(await value('repA1')).toEqual([{ amount: '2000.00', currency: 'EUR' }]);
    expect(await value('repB')).toEqual([{ amount: '1000.00', currency: 'EUR' }]);
  });

  it('refuses writes with FORBIDDEN to those who read but may not write, and NOT_FOUND to those who may not read', async () => {
    expect(problemOf(await update('analyst', deal.mine, { name: 'x' }))?.code).toBe('FORBIDDEN');
    expect(problemOf(await update('managerA', deal.theirs, { name: 'x' }))?.code).toBe('FORBIDDEN');
    const hidden = await update('repA1', deal.theirs, { name: 'x' });
    expect(problemOf(hidden)?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message).toBe(`Opportunity ${deal.theirs} does not exist`);
    expect(problemOf(await call('analyst', `mutation { createOpportunity(input: { name: "x", accountId: "${accountId}", amount: { amount: "1.00", currency: "EUR" }, expectedCloseDate: "2026-12-31" }) { id } }`))?.code).toBe('FORBIDDEN');
    const moved = await call('repB', `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, {
      input: { opportunityId: deal.mine, stageId: stage.Discovery },
    });
    expect(problemOf(moved)?.code).toBe('NOT_FOUND');
    const [{ name }] = await service.handle.db.query(`SELECT name FROM opportunities.opportunities WHERE id = $1`, [deal.theirs]);
    expect(name).toBe('Deal');
  });

  it('lets a REP write their own and their team\'s deals but never hand one to someone else or another team', async () => {
    expect((await update('repA1', deal.shared, { name: 'Shared, renamed' })).errors).toBeUndefined();
    const handOff = await update('repA1', deal.mine, { ownerId: principals.repA2.userId });
    expect(problemOf(handOff)?.code).toBe('FORBIDDEN');
    expect(handOff.errors?.[0].message).toContain('input.ownerId');
    expect(problemOf(await update('repA1', deal.mine, { teamId: people.teams.B }))?.code).toBe('FORBIDDEN');
    const created = await call('repA1', `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
      input: { name: 'For B', accountId, ownerId: principals.repB.userId, amount: { amount: '1.00', currency: 'EUR' }, expectedCloseDate: '2026-12-31' },
    });
    expect(problemOf(created)?.code).toBe('FORBIDDEN');
    // Taking a teammate's shared deal is fine.
    expect((await update('repA1', deal.shared, { ownerId: principals.repA1.userId })).errors).toBeUndefined();
    expect((await update('repA1', deal.shared, { ownerId: principals.repA2.userId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await update('admin', deal.shared, { ownerId: principals.repA2.userId })).errors).toBeUndefined();
  });

  it('lets a MANAGER reassign their team\'s deals, but not move them out of the team', async () => {
    const reassigned = await update('managerA', deal.mine, { ownerId: principals.repA2.userId });
    expect(reassigned.errors).toBeUndefined();
    expect(reassigned.data.updateOpportunity.ownerId).toEqual({ id: principals.repA2.userId });
    expect(problemOf(await update('managerA', deal.mine, { teamId: people.teams.B }))?.code).toBe('FORBIDDEN');
    expect((await update('managerA', deal.mine, { ownerId: principals.repA1.userId })).errors).toBeUndefined();
  });

  it('soft-deletes: the deal vanishes from lists, lookups, _entities and events; only ADMIN and MANAGER list deleted deals and restore them', async () => {
    const [before] = await service.handle.db.query(`SELECT version FROM opportunities.opportunities WHERE id = $1`, [deal.mine]);
    const stale = await call('repA1', `mutation($id: ID!) { deleteOpportunity(id: $id, expectedVersion: ${before.version - 1}) { id } }`, { id: deal.mine });
    expect(problemOf(stale)?.code).toBe('CONFLICT');
    expect(problemOf(await call('analyst', `mutation($id: ID!) { deleteOpportunity(id: $id) { id } }`, { id: deal.mine }))?.code).toBe('FORBIDDEN');
    const deleted = await call('repA1', `mutation($id: ID!) { deleteOpportunity(id: $id) { id deletedAt } }`, { id: deal.mine });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteOpportunity.deletedAt).not.toBeNull();

    expect(await ids('admin')).not.toContain(deal.mine);
    expect(await ids('repA1')).toEqual([deal.shared]);
    expect((await call('admin', `query($id: ID!) { opportunity(id: $id) { id } }`, { id: deal.mine })).data.opportunity).toBeNull();
    expect(await entities('admin', deal.mine)).toBeNull();
    // Its stage changes vanish from every subscriber's stream, whoever subscribes.
    const { text, values } = dealStagePredicate({ principal: principals.admin, filter: null });
    const streamed = await service.handle.db.query(`SELECT opportunity_id FROM opportunities.stage_changes WHERE ${text}`, values);
    expect(streamed.map((r: { opportunity_id: string }) => r.opportunity_id)).not.toContain(deal.mine);
    expect(problemOf(await update('repA1', deal.mine, { name: 'ghost' }))?.code).toBe('NOT_FOUND');

    expect(problemOf(await call('repA1', `{ opportunities(filter: { deleted: true }) { totalCount } }`))?.code).toBe('FORBIDDEN');
    expect(await ids('managerA', { deleted: true })).toEqual([deal.mine]);
    expect(problemOf(await call('repA1', `mutation($id: ID!) { restoreOpportunity(id: $id) { id } }`, { id: deal.mine }))?.code).toBe('FORBIDDEN');
    const restored = await call('managerA', `mutation($id: ID!) { restoreOpportunity(id: $id) { id deletedAt } }`, { id: deal.mine });
    expect(restored.data.restoreOpportunity).toEqual({ id: deal.mine, deletedAt: null });
    expect(await ids('repA1')).toEqual([deal.mine, deal.shared].sort());
    expect(problemOf(await call('managerA', `mutation($id: ID!) { restoreOpportunity(id: $id) { id } }`, { id: deal.mine }))?.code).toBe('NOT_FOUND');
  });

  it('keeps an audit trail of who changed which field from what to what, for ADMIN and MANAGER only', async () => {
    const moved = await call('repA1', `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, {
      input: { opportunityId: deal.mine, stageId: stage.Proposal },
    });
    expect(moved.errors).toBeUndefined();
    const trail = `query($id: ID!) { opportunity(id: $id) { auditTrail(first: 20) { totalCount edges { node { action changedBy { id } changes { field from to } } } } } }`;
    const { data, errors } = await call('managerA', trail, { id: deal.mine });
    expect(errors).toBeUndefined();
    const entries = data.opportunity.auditTrail.edges.map((e: { node: unknown }) => e.node);
    // Newest first: the move, restore, delete, the manager's two reassignments, create (refused writes left no trace).
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['UPDATE', 'RESTORE', 'DELETE', 'UPDATE', 'UPDATE', 'CREATE']);
    expect(entries[0]).toEqual({
      action: 'UPDATE',
      changedBy: { id: principals.repA1.userId },
      changes: [{ field: 'stageId', from: stage.Qualification, to: stage.Proposal }],
    });
    expect(entries[4].changes).toEqual([{ field: 'ownerId', from: principals.repA1.userId, to: principals.repA2.userId }]);
    expect(entries[4].changedBy).toEqual({ id: principals.managerA.userId });
    expect(entries[2].changes).toEqual([{ field: 'deletedAt', from: null, to: expect.any(String) }]);
    expect(entries[5].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', from: null, to: 'Deal' },
        { field: 'amount', from: null, to: JSON.stringify({ amount: '1000.00', currency: 'EUR' }) },
      ]),
    );
    for (const who of ['repA1', 'analyst'] as const) expect(problemOf(await call(who, trail, { id: deal.mine }))?.code).toBe('FORBIDDEN');
  });
});
