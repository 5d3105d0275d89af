import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dbQueriesTotal } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { start } from '../server';

type Who = 'admin' | 'manager' | 'repA' | 'repA2' | 'repB' | 'loner';

const OWN = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AdoptionRow { userId activitiesLogged activitiesUpdated lastActivityAt } } }`;
const SIGNAL = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on AdoptionRow { userId recordsCreated recordsUpdated usageScore teamMedianUsage needsTraining } } }`;

/** What the accounts and opportunities subgraphs would send for each person (hand-made; their own tests prove those counts). */
const OTHERS: Record<Who, { accountsCreated: number; accountsUpdated: number; contactsCreated: number; contactsUpdated: number; opportunitiesCreated: number; opportunitiesUpdated: number }> = {
  repA: { accountsCreated: 1, accountsUpdated: 1, contactsCreated: 0, contactsUpdated: 0, opportunitiesCreated: 2, opportunitiesUpdated: 2 },
  repA2: { accountsCreated: 0, accountsUpdated: 0, contactsCreated: 0, contactsUpdated: 0, opportunitiesCreated: 0, opportunitiesUpdated: 0 },
  manager: { accountsCreated: 2, accountsUpdated: 1, contactsCreated: 0, contactsUpdated: 0, opportunitiesCreated: 0, opportunitiesUpdated: 1 },
  repB: { accountsCreated: 0, accountsUpdated: 0, contactsCreated: 0, contactsUpdated: 0, opportunitiesCreated: 0, opportunitiesUpdated: 0 },
  loner: { accountsCreated: 0, accountsUpdated: 0, contactsCreated: 0, contactsUpdated: 0, opportunitiesCreated: 0, opportunitiesUpdated: 0 },
  admin: { accountsCreated: 0, accountsUpdated: 0, contactsCreated: 0, contactsUpdated: 0, opportunitiesCreated: 0, opportunitiesUpdated: 0 },
};
const accountsPart = (who: Who) => OTHERS[who].accountsCreated + OTHERS[who].accountsUpdated + OTHERS[who].contactsCreated + OTHERS[who].contactsUpdated;
const opportunitiesPart = (who: Who) => OTHERS[who].opportunitiesCreated + OTHERS[who].opportunitiesUpdated;

/**
 * The activities part of `crmAdoption`'s rows and the training signal, as the gateway asks for them
 * (`_entities`; for the signal with the other subgraphs' counts in the representation), on a fixture
 * written through the API as each person, real PostgreSQL. Team A: repA, repA2, manager; team B: repB;
 * loner has no team. In the window [start − 1 h, start + 1 h):
 *   repA:    logs a call, a meeting and a note; changes the call twice (1 activity changed)
 *   repA2:   logs a call shared with the team and an e-mail shared with nobody (repA may not read it);
 *            logs a note and deletes it (deleted activities never count)
 *   manager: logs a call owned by repA (it counts for whoever logged it: the manager)
 *   repB:    logged a call 3 days before the window only (not counted, but their last activity)
 *   loner:   nothing
 * Activities part (logged + changed), for ADMIN: repA 3 + 1 = 4, repA2 2, manager 1, repB 0, loner 0.
 * With OTHERS, usage scores: repA 4 + 2 + 4 = 10, repA2 2, manager 1 + 3 + 1 = 5, repB 0, loner 0.
 * Team A's median is 5: repA2 (2 < 2.5) needs training, repA and the manager do not. repB alone in team
 * B: median 0, never flagged. loner against everyone (0, 0, 2, 5, 10): median 2, 0 < 1, flagged.
 */
describe('crmAdoption in the activities subgraph: activities logged and the training signal', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const people = testPeople({ admin: 'ADMIN', manager: ['MANAGER', 'A'], repA: ['REP', 'A'], repA2: ['REP', 'A'], repB: ['REP', 'B'], loner: 'REP' });
  const { principals, tokens, id } = people;
  const start0 = Date.now();
  const window = { from: new Date(start0 - 3_600_000).toISOString(), to: new Date(start0 + 3_600_000).toISOString() };
  const repBLoggedAt = new Date(start0 - 3 * 86_400_000).toISOString();
  const teamAPeers = (['repA', 'repA2', 'manager'] as Who[]).map(id).sort();
  const everyone = (['repA', 'repA2', 'manager', 'repB', 'loner'] as Who[]).map(id).sort();
  const whoIs = (userId: string) => (Object.keys(principals) as Who[]).find((who) => id(who) === userId)!;

  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const log = async (who: Who, type: string, extra: Record<string, unknown> = {}) =>
    (
      await ok(who, `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
        input: { type, subject: `${type} by ${who}`, accountId: randomUUID(), occurredAt: new Date().toISOString(), ...extra },
      })
    ).createActivity.id as string;
  const key = (who: Who) => ({ __typename: 'AdoptionRow', userId: id(who), ...window });
  /** A row as the gateway sends it for the signal: the other subgraphs' counts for the person and each peer. */
  const full = (who: Who, peerIds: string[]) => ({
    ...key(who),
    ...OTHERS[who],
    peerIds,
    peerAccountUsage: peerIds.map((peer) => accountsPart(whoIs(peer))),
    peerOpportunityUsage: peerIds.map((peer) => opportunitiesPart(whoIs(peer))),
  });

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    const call = await log('repA', 'CALL');
    await log('repA', 'MEETING');
    await log('repA', 'NOTE');
    for (const subject of ['Call, first notes', 'Call, final notes']) {
      await ok('repA', `mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { id } }`, { id: call, input: { subject } });
    }
    await log('repA2', 'CALL');
    await log('repA2', 'EMAIL', { teamId: null });
    const deleted = await log('repA2', 'NOTE');
    await ok('repA2', `mutation($id: ID!) { deleteActivity(id: $id) { id } }`, { id: deleted });
    await log('manager', 'CALL', { ownerId: id('repA') });
    const old = await log('repB', 'CALL');
    await service.handle.db.query(`UPDATE activities.audit_log SET changed_at = $2 WHERE entity_id = $1`, [old, repBLoggedAt]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('counts the live activities each person logged and changed in the window, and when they last logged one', async () => {
    const { _entities } = await ok('admin', OWN, { reps: (['repA', 'repA2', 'manager', 'repB', 'loner'] as Who[]).map(key) });
    const [lastA] = await service.handle.db.query(`SELECT max(changed_at) AS at FROM activities.audit_log WHERE changed_by_id = $1 AND action = 'CREATE'`, [id('repA')]);
    expect(_entities).toEqual([
      { userId: id('repA'), activitiesLogged: 3, activitiesUpdated: 1, lastActivityAt: lastA.at.toISOString() },
      { userId: id('repA2'), activitiesLogged: 2, activitiesUpdated: 0, lastActivityAt: expect.any(String) },
      { userId: id('manager'), activitiesLogged: 1, activitiesUpdated: 0, lastActivityAt: expect.any(String) },
      { userId: id('repB'), activitiesLogged: 0, activitiesUpdated: 0, lastActivityAt: repBLoggedAt },
      { userId: id('loner'), activitiesLogged: 0, activitiesUpdated: 0, lastActivityAt: null },
    ]);
  });

  it('adds up records, usage score, team median and the training flag from all three subgraphs\' counts', async () => {
    const { _entities } = await ok('admin', SIGNAL, {
      reps: [full('repA', teamAPeers), full('repA2', teamAPeers), full('manager', teamAPeers), full('repB', [id('repB')]), full('loner', everyone)],
    });
    expect(_entities).toEqual([
      { userId: id('repA'), recordsCreated: 3, recordsUpdated: 4, usageScore: 10, teamMedianUsage: 5, needsTraining: false },
      { userId: id('repA2'), recordsCreated: 0, recordsUpdated: 0, usageScore: 2, teamMedianUsage: 5, needsTraining: true },
      { userId: id('manager'), recordsCreated: 2, recordsUpdated: 2, usageScore: 5, teamMedianUsage: 5, needsTraining: false },
      { userId: id('repB'), recordsCreated: 0, recordsUpdated: 0, usageScore: 0, teamMedianUsage: 0, needsTraining: false },
      { userId: id('loner'), recordsCreated: 0, recordsUpdated: 0, usageScore: 0, teamMedianUsage: 2, needsTraining: true },
    ]);
  });

  it('takes the mean of the two middle scores for an even group and flags only below threshold × median', async () => {
    // repA2 against (0, 2, 5, 10): median 3.5, threshold 1.75; 2 is not below it.
    const group = [id('repA'), id('repA2'), id('manager'), id('repB')];
    const [row] = (await ok('admin', SIGNAL, { reps: [full('repA2', group)] }))._entities;
    expect(row).toMatchObject({ usageScore: 2, teamMedianUsage: 3.5, needsTraining: false });
  });

  it('computes each row from the peers it carries, whichever rows share the batch', async () => {
    const alone = (await ok('admin', SIGNAL, { reps: [full('repA2', teamAPeers)] }))._entities;
    expect(alone).toEqual([{ userId: id('repA2'), recordsCreated: 0, recordsUpdated: 0, usageScore: 2, teamMedianUsage: 5, needsTraining: true }]);
  });

  it("counts, for a REP, only the activities they may read: repA2's private e-mail is not in repA's view", async () => {
    const [own] = (await ok('repA', OWN, { reps: [key('repA2')] }))._entities;
    expect(own.activitiesLogged).toBe(1);
    const [row] = (await ok('repA', SIGNAL, { reps: [full('repA', teamAPeers)] }))._entities;
    // Team A for repA: repA 10, repA2 1, manager 5: median 5.
    expect(row).toMatchObject({ usageScore: 10, teamMedianUsage: 5, needsTraining: false });
  });

  it('computes the figures of every row of a request in two SQL queries (own counts, signal), and refuses rows without the counts it requires', async () => {
    const queriesFor = async (reps: object[]) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      await ok('admin', `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AdoptionRow { needsTraining teamMedianUsage usageScore } } }`, { reps });
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    const one = await queriesFor([full('repA', teamAPeers)]);
    expect(await queriesFor([full('repA', teamAPeers), full('repA2', teamAPeers), full('manager', teamAPeers), full('loner', everyone)])).toBe(one);
    expect(one).toBe(2);
    const response = await service.as(tokens.admin).call(SIGNAL, { reps: [{ ...key('repA'), peerIds: teamAPeers }] });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
