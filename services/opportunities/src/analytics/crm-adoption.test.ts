import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dbQueriesTotal } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { createTestPipeline, NEW_BUSINESS_STAGES } from '../pipelines/pipeline-stages.fixture';
import { start } from '../server';

type Who = 'admin' | 'manager' | 'repA' | 'repA2' | 'repB';

const ENTITIES = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on AdoptionRow { userId opportunitiesCreated opportunitiesUpdated stageMoves peerOpportunityUsage } } }`;

/**
 * The deals part of `crmAdoption`'s rows, as the gateway asks for it (`_entities` with the rows' keys
 * and `peerIds`), on a fixture written through the API as each person, real PostgreSQL. Team A: repA,
 * repA2 and the manager; team B: repB. In the window [start − 1 h, start + 1 h):
 *   repA:    creates D1 and D2; moves D1 Qualification → Discovery → Proposal; renames D2
 *   repA2:   creates D3, whose creation is moved 2 days before the window (not counted), and renames it;
 *            creates D8 shared with no team (repA may not read it)
 *   manager: creates D4 and deletes it (deleted deals never count); moves repA's D2 to Discovery
 *   repB:    creates D5 (team B)
 * For ADMIN — created / changed / moves / usage: repA 2/2/2/4, repA2 1/1/0/2, manager 0/1/1/1, repB 1/0/0/1.
 * For repA, who reads team A's deals only: repA2 0/1/0/1 (D8 is not theirs to see), repB 0/0/0/0.
 */
describe('crmAdoption in the opportunities subgraph: deals created, changed and moved', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const people = testPeople({ admin: 'ADMIN', manager: ['MANAGER', 'A'], repA: ['REP', 'A'], repA2: ['REP', 'A'], repB: ['REP', 'B'] });
  const { principals, tokens } = people;
  const stage: Record<string, string> = {};
  const start0 = Date.now();
  const window = { from: new Date(start0 - 3_600_000).toISOString(), to: new Date(start0 + 3_600_000).toISOString() };
  const teamAPeers = [principals.repA.userId, principals.repA2.userId, principals.manager.userId].sort();

  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const deal = async (who: Who, name: string, teamId?: string | null) =>
    (
      await ok(who, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name, accountId: randomUUID(), amount: { amount: '1000.00', currency: 'EUR' }, expectedCloseDate: '2027-01-31', stageId: stage.Qualification, teamId },
      })
    ).createOpportunity.id as string;
  const move = (who: Who, id: string, to: string) =>
    ok(who, `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, { input: { opportunityId: id, stageId: stage[to] } });
  const rename = (who: Who, id: string, name: string) =>
    ok(who, `mutation($id: ID!, $input: UpdateOpportunityInput!) { updateOpportunity(id: $id, input: $input) { id } }`, { id, input: { name } });
  const row = (who: Who, peerIds?: string[]) => ({ __typename: 'AdoptionRow', userId: principals[who].userId, ...window, ...(peerIds ? { peerIds } : {}) });
  const rows = async (asWho: Who, reps: object[]) => (await ok(asWho, ENTITIES, { reps }))._entities;

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    Object.assign(stage, (await createTestPipeline(service.as(tokens.admin), 'New Business', NEW_BUSINESS_STAGES)).stages);

    const d1 = await deal('repA', 'D1');
    const d2 = await deal('repA', 'D2');
    await move('repA', d1, 'Discovery');
    await move('repA', d1, 'Proposal');
    await rename('repA', d2, 'D2 renamed');
    const d3 = await deal('repA2', 'D3');
    await service.handle.db.query(`UPDATE opportunities.audit_log SET changed_at = $2 WHERE entity_id = $1 AND action = 'CREATE'`, [d3, new Date(start0 - 2 * 86_400_000)]);
    await rename('repA2', d3, 'D3 renamed');
    await deal('repA2', 'D8', null);
    const d4 = await deal('manager', 'D4');
    await ok('manager', `mutation($id: ID!) { deleteOpportunity(id: $id) { id } }`, { id: d4 });
    await move('manager', d2, 'Discovery');
    await deal('repB', 'D5');
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('counts the live deals each person created and changed, and their stage moves, in the window, from the audit log and stage history', async () => {
    const found = await rows('admin', [row('repA'), row('repA2'), row('manager'), row('repB')]);
    expect(found.map((r: any) => [r.opportunitiesCreated, r.opportunitiesUpdated, r.stageMoves])).toEqual([
      [2, 2, 2],
      [1, 1, 0],
      [0, 1, 1],
      [1, 0, 0],
    ]);
  });

  it("gives each row its peers' deal usage (created + changed) in peerIds order, 0 for peers who did nothing", async () => {
    const nobody = randomUUID();
    const [forRepA, forRepB] = await rows('admin', [row('repA', [...teamAPeers, nobody]), row('repB', [principals.repB.userId])]);
    const usage: Record<string, number> = { [principals.repA.userId]: 4, [principals.repA2.userId]: 2, [principals.manager.userId]: 1, [nobody]: 0 };
    expect(forRepA.peerOpportunityUsage).toEqual([...teamAPeers, nobody].map((id) => usage[id]));
    expect(forRepB.peerOpportunityUsage).toEqual([1]);
  });

  it('counts, for a REP, only the deals they may read: their own and their team\'s', async () => {
    const [repA, repA2, repB] = await rows('repA', [row('repA', teamAPeers), row('repA2'), row('repB')]);
    expect([repA2.opportunitiesCreated, repA2.opportunitiesUpdated, repB.opportunitiesCreated]).toEqual([0, 1, 0]);
    const usage: Record<string, number> = { [principals.repA.userId]: 4, [principals.repA2.userId]: 1, [principals.manager.userId]: 1 };
    expect(repA.peerOpportunityUsage).toEqual(teamAPeers.map((id) => usage[id]));
  });

  it('answers a window without any work with zeros', async () => {
    const [found] = await rows('admin', [{ ...row('repA', teamAPeers), from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' }]);
    expect(found).toMatchObject({ opportunitiesCreated: 0, opportunitiesUpdated: 0, stageMoves: 0, peerOpportunityUsage: [0, 0, 0] });
  });

  it('counts every row of a request in one SQL query, and names no row for a malformed reference', async () => {
    const queriesFor = async (reps: object[]) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      await rows('admin', reps);
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    const many = await queriesFor((['repA', 'repA2', 'manager', 'repB'] as Who[]).map((who) => row(who, teamAPeers)));
    expect(many).toBe(await queriesFor([row('repA', teamAPeers)]));
    expect(many).toBe(1);
    const found = await rows('admin', [{ ...row('repA'), userId: 'not-a-uuid' }, { ...row('repA'), from: 'yesterday' }, row('repB')]);
    expect(found.map((r: any) => r?.opportunitiesCreated ?? null)).toEqual([null, null, 1]);
  });
});
