import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { problemOf, startServiceUnderTest, testToken, type GraphQLResponse, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

const HOUR = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

type Who = 'admin' | 'manager' | 'repA' | 'repA2' | 'repB' | 'loneRep' | 'analyst';

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id owner { id } team { id } version } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { id subject owner { id } team { id } version } }`;
const COMPLETE = `mutation($id: ID!) { completeActivity(id: $id) { id completedAt } }`;
const DELETE = `mutation($id: ID!, $v: Int) { deleteActivity(id: $id, expectedVersion: $v) { id deletedAt } }`;
const RESTORE = `mutation($id: ID!) { restoreActivity(id: $id) { id deletedAt } }`;
const LIST = `query($filter: ActivityFilter) { activities(first: 50, filter: $filter) { totalCount edges { node { id subject } } } }`;
const LOOKUP = `query($id: ID!) { activity(id: $id) { id } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Activity { id } } }`;
const TRAIL = `query($id: ID!) { activity(id: $id) { auditTrail(first: 10) { totalCount edges { node { action changedById changedBy { id } changes { field from to } } } } } }`;

/**
 * The role model on activities (deal work), against a real PostgreSQL: ADMIN, MANAGER and ANALYST read
 * everything; a REP reads and writes their own activities and those shared with their team; a MANAGER
 * writes their own and their team's; an ANALYST writes nothing. Team A has a manager and two reps,
 * team B one rep; `loneRep` belongs to no team.
 */
describe('who may read and write activities', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const teamA = randomUUID();
  const teamB = randomUUID();
  const ids: Record<Who, string> = {
    admin: randomUUID(),
    manager: randomUUID(),
    repA: randomUUID(),
    repA2: randomUUID(),
    repB: randomUUID(),
    loneRep: randomUUID(),
    analyst: randomUUID(),
  };
  const tokens = {} as Record<Who, string>;

  const as = (who: Who, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> => service.as(tokens[who]).call(query, variables);
  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const rows = async (where: string, params: unknown[]): Promise<number> =>
    (await service.handle.db.query(`SELECT count(*)::int AS n FROM activities.activities WHERE ${where}`, params))[0].n;

  /**
   * Five activities on one new account, contact and opportunity, logged by the ADMIN for others: the
   * latest one (repB's) is the one only some may read, so `lastActivityAt` differs by role.
   */
  async function book() {
    const links = { accountId: randomUUID(), contactId: randomUUID(), opportunityId: randomUUID() };
    const times = { repA: at(-5 * HOUR), repA2: at(-4 * HOUR), shared: at(-3 * HOUR), admin: at(-2 * HOUR), repB: at(-1 * HOUR) };
    const log = async (subject: string, ownerId: string, teamId: string | null, occurredAt: string) => {
      const data = await ok('admin', CREATE, { input: { type: 'CALL', subject, ownerId, teamId, occurredAt, ...links } });
      return data.createActivity.id as string;
    };
    const activities = {
      repA: await log('repA own', ids.repA, teamA, times.repA),
      repA2: await log('repA2 own', ids.repA2, teamA, times.repA2),
      shared: await log('repB shared with A', ids.repB, teamA, times.shared),
      admin: await log('admin no team', ids.admin, null, times.admin),
      repB: await log('repB own', ids.repB, teamB, times.repB),
    };
    return { ...links, activities, times };
  }

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    const principals: Record<Who, { role: UserRole; teamId: string | null }> = {
      admin: { role: UserRole.ADMIN, teamId: null },
      manager: { role: UserRole.MANAGER, teamId: teamA },
      repA: { role: UserRole.REP, teamId: teamA },
      repA2: { role: UserRole.REP, teamId: teamA },
      repB: { role: UserRole.REP, teamId: teamB },
      loneRep: { role: UserRole.REP, teamId: null },
      analyst: { role: UserRole.ANALYST, teamId: null },
    };
    for (const who of Object.keys(principals) as Who[]) {
      tokens[who] = await testToken({ userId: ids[who], email: `${who}@crm.example`, ...principals[who] });
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe('reads', () => {
    it('lists and counts for a REP only their own activities and those shared with their team; everyone else reads all', async () => {
      const { accountId, activities } = await book();
      const seen = async (who: Who, filter: Record<string, unknown> = {}) => {
        const { activities: list } = await ok(who, LIST, { filter: { accountId, ...filter } });
        expect(list.totalCount).toBe(list.edges.length);
        return list.edges.map((e: { node: { id: string } }) => e.node.id).sort();
      };
      const all = Object.values(activities).sort();
      expect(await seen('repA')).toEqual([activities.repA, activities.repA2, activities.shared].sort());
      expect(await seen('repB')).toEqual([activities.shared, activities.repB].sort());
      expect(await seen('loneRep')).toEqual([]);
      for (const who of ['manager', 'analyst', 'admin'] as Who[]) expect(await seen(who)).toEqual(all);
      // Filters narrow what one may read; they never widen it.
      expect(await seen('repA', { ownerId: ids.repB })).toEqual([activities.shared]);
      expect(await seen('repA', { teamId: teamB })).toEqual([]);
      expect(await seen('manager', { teamId: teamB })).toEqual([activities.repB]);
    });

    it('answers null for a lookup or an _entities reference of an activity one may not read', async () => {
      const { activities } = await book();
      expect((await ok('repA', LOOKUP, { id: activities.repB })).activity).toBeNull();
      expect((await ok('repA', LOOKUP, { id: activities.shared })).activity).toEqual({ id: activities.shared });
      expect((await ok('analyst', LOOKUP, { id: activities.repB })).activity).toEqual({ id: activities.repB });
      const reps = [activities.repA, activities.repB, activities.admin].map((id) => ({ __typename: 'Activity', id }));
      expect((await ok('repA', ENTITIES, { reps }))._entities).toEqual([{ id: activities.repA }, null, null]);
      expect((await ok('manager', ENTITIES, { reps }))._entities).toEqual(reps.map(({ id }) => ({ id })));
    });

    it('counts only readable activities in the timelines and lastActivityAt of accounts, contacts and opportunities', async () => {
      const { accountId, contactId, opportunityId, activities, times } = await book();
      const timeline = '{ activities(first: 2) { totalCount edges { node { id } } } lastActivityAt }';
      const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account ${timeline} ... on Contact ${timeline} ... on Opportunity ${timeline} } }`;
      const reps = [
        { __typename: 'Account', id: accountId },
        { __typename: 'Contact', id: contactId },
        { __typename: 'Opportunity', id: opportunityId },
      ];
      const rep = (await ok('repA', query, { reps }))._entities;
      const analyst = (await ok('analyst', query, { reps }))._entities;
      for (const parent of rep) {
        expect(parent).toEqual({ activities: { totalCount: 3, edges: [{ node: { id: activities.shared } }, { node: { id: activities.repA2 } }] }, lastActivityAt: times.shared });
      }
      for (const parent of analyst) {
        expect(parent).toEqual({ activities: { totalCount: 5, edges: [{ node: { id: activities.repB } }, { node: { id: activities.admin } }] }, lastActivityAt: times.repB });
      }
      const lone = (await ok('loneRep', query, { reps }))._entities;
      for (const parent of lone) expect(parent).toEqual({ activities: { totalCount: 0, edges: [] }, lastActivityAt: null });
    });
  });

  describe('writes', () => {
    it('refuses every mutation to an ANALYST with FORBIDDEN and writes nothing', async () => {
      const { activities } = await book();
      const task = (await ok('admin', CREATE, { input: { type: 'TASK', subject: 'Task', accountId: randomUUID() } })).createActivity.id;
      const attempts = [
        as('analyst', CREATE, { input: { type: 'NOTE', subject: 'Note', accountId: randomUUID() } }),
        as('analyst', UPDATE, { id: activities.admin, input: { subject: 'Hm' } }),
        as('analyst', COMPLETE, { id: task }),
        as('analyst', DELETE, { id: activities.admin }),
        as('analyst', RESTORE, { id: activities.admin }),
      ];
      for (const response of await Promise.all(attempts)) expect(problemOf(response)?.code).toBe('FORBIDDEN');
      expect(await rows(`subject = 'Note' OR subject = 'Hm' OR deleted_at IS NOT NULL AND id = $1`, [activities.admin])).toBe(0);
    });

    it('creates for the caller by default, shared with their team, and refuses a REP naming another owner', async () => {
      const accountId = randomUUID();
      const mine = (await ok('repA', CREATE, { input: { type: 'CALL', subject: 'Mine', accountId } })).createActivity;
      expect(mine).toMatchObject({ owner: { id: ids.repA }, team: { id: teamA } });
      const unshared = (await ok('repA', CREATE, { input: { type: 'CALL', subject: 'Private', accountId, teamId: null } })).createActivity;
      expect(unshared.team).toBeNull();
      expect((await ok('loneRep', CREATE, { input: { type: 'CALL', subject: 'Lone', accountId } })).createActivity.team).toBeNull();

      const forOther = await as('repA', CREATE, { input: { type: 'CALL', subject: 'For repA2', accountId, ownerId: ids.repA2 } });
      expect(problemOf(forOther)?.code).toBe('FORBIDDEN');
      expect(forOther.errors?.[0].message).toBe(`As REP you may only set input.ownerId to yourself (${ids.repA}), got ${ids.repA2}`);
      const elsewhere = await as('repA', CREATE, { input: { type: 'CALL', subject: 'For team B', accountId, teamId: teamB } });
      expect(problemOf(elsewhere)?.code).toBe('FORBIDDEN');
      expect(elsewhere.errors?.[0].message).toContain('input.teamId');
      const forSelf = await as('repA', CREATE, { input: { type: 'CALL', subject: 'For me', accountId, ownerId: ids.repA } });
      expect(forSelf.errors).toBeUndefined();
      expect(await rows(`account_id = $1`, [accountId])).toBe(4);
    });

    it('lets a MANAGER create for their team but refuses what they could not change afterwards, writing nothing', async () => {
      const accountId = randomUUID();
      const forTeam = await ok('manager', CREATE, { input: { type: 'CALL', subject: 'For repA', accountId, ownerId: ids.repA, teamId: teamA } });
      expect(forTeam.createActivity).toMatchObject({ owner: { id: ids.repA }, team: { id: teamA } });
      // Without a team named, what a MANAGER creates for someone is their own team's.
      const defaulted = await ok('manager', CREATE, { input: { type: 'CALL', subject: 'For repA, by default', accountId, ownerId: ids.repA } });
      expect(defaulted.createActivity).toMatchObject({ owner: { id: ids.repA }, team: { id: teamA } });
      // Another team's activity would be out of the manager's reach.
      const otherTeam = await as('manager', CREATE, { input: { type: 'CALL', subject: 'For team B', accountId, teamId: teamB, ownerId: ids.repB } });
      expect(problemOf(otherTeam)?.code).toBe('FORBIDDEN');
      expect(await rows(`account_id = $1`, [accountId])).toBe(2);
      const withKey = { type: 'CALL', subject: 'Keyed for team B', accountId, ownerId: ids.repB, teamId: teamB, idempotencyKey: randomUUID() };
      expect(problemOf(await as('manager', CREATE, { input: withKey }))?.code).toBe('FORBIDDEN');
      // The refused write rolled its key back with it: nothing was recorded under it.
      expect((await service.handle.db.query(`SELECT count(*)::int AS n FROM activities.idempotency_keys WHERE key = $1`, [withKey.idempotencyKey]))[0].n).toBe(0);
    });

    it('answers NOT_FOUND for a change to an activity one may not read, FORBIDDEN for one one may only read', async () => {
      const { activities } = await book();
      const rename = (who: Who, id: string, subject: string) => as(who, UPDATE, { id, input: { subject } });
      expect(problemOf(await rename('repA', activities.repB, 'Hijacked'))?.code).toBe('NOT_FOUND');
      expect(problemOf(await rename('repA', activities.admin, 'Hijacked'))?.code).toBe('NOT_FOUND');
      expect(problemOf(await rename('manager', activities.repB, 'Managed'))?.code).toBe('FORBIDDEN');
      expect(problemOf(await rename('manager', randomUUID(), 'Managed'))?.code).toBe('NOT_FOUND');
      expect(await rows(`subject IN ('Hijacked', 'Managed')`, [])).toBe(0);

      expect((await ok('repA', UPDATE, { id: activities.shared, input: { subject: 'Shared, edited by repA' } })).updateActivity.subject).toBe('Shared, edited by repA');
      expect((await ok('repA', UPDATE, { id: activities.repA2, input: { subject: 'Teammate, edited by repA' } })).updateActivity.version).toBe(2);
      expect((await ok('manager', UPDATE, { id: activities.repA, input: { subject: 'Edited by the manager' } })).updateActivity.version).toBe(2);
      expect((await ok('admin', UPDATE, { id: activities.repB, input: { subject: 'Edited by the admin' } })).updateActivity.version).toBe(2);
    });

    it('lets a MANAGER reassign within the team but not a REP, and refuses moving an activity out of reach', async () => {
      const { activities } = await book();
      const reassign = await as('repA', UPDATE, { id: activities.repA, input: { ownerId: ids.repA2 } });
      expect(problemOf(reassign)?.code).toBe('FORBIDDEN');
      expect(reassign.errors?.[0].message).toContain('As REP you may only set input.ownerId to yourself');
      // A REP may take over a teammate's activity.
      expect((await ok('repA', UPDATE, { id: activities.repA2, input: { ownerId: ids.repA } })).updateActivity.owner).toEqual({ id: ids.repA });

      expect((await ok('manager', UPDATE, { id: activities.repA, input: { ownerId: ids.repA2 } })).updateActivity.owner).toEqual({ id: ids.repA2 });
      // Shared with team B, the activity would leave the manager's team: refused, nothing changes.
      expect(problemOf(await as('manager', UPDATE, { id: activities.repA, input: { teamId: teamB } }))?.code).toBe('FORBIDDEN');
      // A REP may unshare an activity they now own (they still write it), but not push a teammate's out of reach.
      expect((await ok('repA', UPDATE, { id: activities.repA2, input: { teamId: null } })).updateActivity.team).toBeNull();
      expect(problemOf(await as('repA2', UPDATE, { id: activities.shared, input: { teamId: teamB } }))?.code).toBe('FORBIDDEN');
      const [row] = await service.handle.db.query(`SELECT owner_id, team_id, version FROM activities.activities WHERE id = $1`, [activities.repA]);
      expect(row).toEqual({ owner_id: ids.repA2, team_id: teamA, version: 2 });
      const [shared] = await service.handle.db.query(`SELECT team_id FROM activities.activities WHERE id = $1`, [activities.shared]);
      expect(shared.team_id).toBe(teamA);
    });

    it('completes only tasks one may write: NOT_FOUND when unreadable, FORBIDDEN when read-only', async () => {
      const accountId = randomUUID();
      const task = (owner: Who, teamId: string) =>
        ok('admin', CREATE, { input: { type: 'TASK', subject: `Task of ${owner}`, accountId, ownerId: ids[owner], teamId } }).then((d) => d.createActivity.id as string);
      const ofRepB = await task('repB', teamB);
      const ofRepA = await task('repA', teamA);
      expect(problemOf(await as('repA', COMPLETE, { id: ofRepB }))?.code).toBe('NOT_FOUND');
      expect(problemOf(await as('manager', COMPLETE, { id: ofRepB }))?.code).toBe('FORBIDDEN');
      expect(await rows(`id = $1 AND completed_at IS NULL`, [ofRepB])).toBe(1);
      const done = await ok('repA2', COMPLETE, { id: ofRepA });
      expect(done.completeActivity.completedAt).not.toBeNull();
    });
  });

  describe('delete and restore', () => {
    it('makes a deleted activity vanish from lists, lookups, _entities, timelines and lastActivityAt; a MANAGER restores it', async () => {
      const { accountId, activities, times } = await book();
      const id = activities.repB;
      const timeline = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { activities { totalCount } lastActivityAt } } }`;
      const accountReps = { reps: [{ __typename: 'Account', id: accountId }] };

      expect(problemOf(await as('repA', DELETE, { id }))?.code).toBe('NOT_FOUND');
      expect(problemOf(await as('manager', DELETE, { id }))?.code).toBe('FORBIDDEN');
      expect(problemOf(await as('repB', DELETE, { id, v: 7 }))?.code).toBe('CONFLICT');
      const deleted = (await ok('repB', DELETE, { id, v: 1 })).deleteActivity;
      expect(deleted.id).toBe(id);
      expect(Math.abs(Date.parse(deleted.deletedAt) - Date.now())).toBeLessThan(5000);

      for (const who of ['admin', 'repB'] as Who[]) {
        expect((await ok(who, LIST, { filter: { accountId } })).activities.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
        expect((await ok(who, LOOKUP, { id })).activity).toBeNull();
        expect((await ok(who, ENTITIES, { reps: [{ __typename: 'Activity', id }] }))._entities).toEqual([null]);
      }
      expect((await ok('admin', LIST, { filter: { accountId } })).activities.totalCount).toBe(4);
      // The latest readable activity is gone, so the account's last activity is an older one.
      expect((await ok('admin', timeline, accountReps))._entities).toEqual([{ activities: { totalCount: 4 }, lastActivityAt: times.admin }]);
      expect((await ok('repB', timeline, accountReps))._entities).toEqual([{ activities: { totalCount: 1 }, lastActivityAt: times.shared }]);
      // Deleting it again, or changing it, is NOT_FOUND: only restore sees it.
      expect(problemOf(await as('repB', DELETE, { id }))?.code).toBe('NOT_FOUND');
      expect(problemOf(await as('admin', UPDATE, { id, input: { subject: 'Ghost' } }))?.code).toBe('NOT_FOUND');

      // Deleted activities are listed on request, to supervisors only, in root and nested lists.
      expect(problemOf(await as('repB', LIST, { filter: { deleted: true } }))?.code).toBe('FORBIDDEN');
      const trash = (await ok('manager', LIST, { filter: { accountId, deleted: true } })).activities;
      expect(trash).toEqual({ totalCount: 1, edges: [{ node: { id, subject: 'repB own' } }] });
      const nestedTrash = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { activities(filter: { deleted: true }) { totalCount edges { node { id deletedAt } } } } } }`;
      expect((await ok('manager', nestedTrash, accountReps))._entities).toEqual([
        { activities: { totalCount: 1, edges: [{ node: { id, deletedAt: deleted.deletedAt } }] } },
      ]);

      expect(problemOf(await as('repB', RESTORE, { id }))?.code).toBe('FORBIDDEN');
      // The manager reads it but may not write team B's work, so may not restore it either; the admin may.
      expect(problemOf(await as('manager', RESTORE, { id }))?.code).toBe('FORBIDDEN');
      expect((await ok('admin', RESTORE, { id })).restoreActivity).toEqual({ id, deletedAt: null });
      expect(problemOf(await as('admin', RESTORE, { id }))?.code).toBe('NOT_FOUND');
      expect((await ok('repB', LOOKUP, { id })).activity).toEqual({ id });
      expect((await ok('repB', timeline, accountReps))._entities).toEqual([{ activities: { totalCount: 2 }, lastActivityAt: times.repB }]);
    });

    it('lets a MANAGER restore their team’s deleted activity, and not a REP', async () => {
      const { activities } = await book();
      const id = activities.repA2;
      await ok('repA', DELETE, { id });
      expect((await ok('repA2', LOOKUP, { id })).activity).toBeNull();
      expect(problemOf(await as('repA2', RESTORE, { id }))?.code).toBe('FORBIDDEN');
      expect((await ok('manager', RESTORE, { id })).restoreActivity).toEqual({ id, deletedAt: null });
      expect((await ok('repA2', LOOKUP, { id })).activity).toEqual({ id });
    });
  });

  describe('audit trail', () => {
    it('shows supervisors who changed which field from what to what, newest first, even after a delete', async () => {
      const accountId = randomUUID();
      const created = (await ok('repA', CREATE, { input: { type: 'TASK', subject: 'Draft the offer', accountId } })).createActivity;
      const { id } = created;
      await ok('repA2', UPDATE, { id, input: { subject: 'Draft the final offer' } });
      await ok('manager', UPDATE, { id, input: { ownerId: ids.repA2 } });
      await ok('repA2', COMPLETE, { id });
      // A change that changes nothing leaves no entry.
      await ok('repA2', UPDATE, { id, input: { subject: 'Draft the final offer' } });
      await ok('repA2', DELETE, { id });
      await ok('manager', RESTORE, { id });
      await ok('admin', DELETE, { id });

      const trail = `query($accountId: ID!) { activities(filter: { accountId: $accountId, deleted: true }) { edges { node { id
        auditTrail(first: 10) { totalCount edges { node { action changedById changedBy { id } changes { field from to } } } } } } } }`;
      const [node] = (await ok('manager', trail, { accountId })).activities.edges.map((e: { node: unknown }) => e.node);
      expect(node.id).toBe(id);
      const entries = node.auditTrail.edges.map((e: { node: { action: string; changedById: string; changedBy: { id: string }; changes: unknown[] } }) => e.node);
      expect(node.auditTrail.totalCount).toBe(7);
      expect(entries.map((e: { action: string; changedById: string }) => [e.action, e.changedById])).toEqual([
        ['DELETE', ids.admin],
        ['RESTORE', ids.manager],
        ['DELETE', ids.repA2],
        ['UPDATE', ids.repA2],
        ['UPDATE', ids.manager],
        ['UPDATE', ids.repA2],
        ['CREATE', ids.repA],
      ]);
      for (const entry of entries) expect(entry.changedBy).toEqual({ id: entry.changedById });
      const [lastDelete, restore, , complete, reassign, rename, create] = entries;
      expect(rename.changes).toEqual([{ field: 'subject', from: 'Draft the offer', to: 'Draft the final offer' }]);
      expect(reassign.changes).toEqual([{ field: 'ownerId', from: ids.repA, to: ids.repA2 }]);
      // Completing an open task dates it too: occurredAt and completedAt get the same instant.
      expect(complete.changes.map((c: { field: string }) => c.field)).toEqual(['occurredAt', 'completedAt']);
      expect(complete.changes[0].to).toBe(complete.changes[1].to);
      expect(restore.changes).toEqual([{ field: 'deletedAt', from: expect.any(String), to: null }]);
      expect(lastDelete.changes).toEqual([{ field: 'deletedAt', from: null, to: expect.any(String) }]);
      expect(create.changes).toEqual(
        expect.arrayContaining([
          { field: 'type', from: null, to: 'TASK' },
          { field: 'subject', from: null, to: 'Draft the offer' },
          { field: 'ownerId', from: null, to: ids.repA },
          { field: 'teamId', from: null, to: teamA },
          { field: 'accountId', from: null, to: accountId },
        ]),
      );
      expect(create.changes.map((c: { field: string }) => c.field)).not.toContain('body');
    });

    it('refuses the audit trail to a REP and an ANALYST with FORBIDDEN', async () => {
      const { activities } = await book();
      expect((await ok('admin', TRAIL, { id: activities.repA })).activity.auditTrail.totalCount).toBe(1);
      for (const who of ['repA', 'analyst'] as Who[]) {
        expect(problemOf(await as(who, TRAIL, { id: activities.repA }))?.code).toBe('FORBIDDEN');
      }
    });
  });
});
