import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dbQueriesTotal } from '@crm/kernel';
import { startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { start } from '../server';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

type Who = 'admin' | 'repA' | 'repB';

const COVERAGE = `query($reps: [_Any!]!, $days: Int) {
  _entities(representations: $reps) {
    ... on Opportunity {
      id
      committeeCoverage(days: $days) {
        days since
        engaged { contact { id } role lastEngagedAt }
        notEngaged { contact { id } role lastEngagedAt }
        missingRoles
      }
    }
  }
}`;

/**
 * `Opportunity.committeeCoverage` as the gateway asks for it: `_entities` with representations that
 * carry the `buyingCommittee` the gateway fetched from opportunities (`@requires`). Real PostgreSQL.
 */
describe('Opportunity.committeeCoverage', () => {
  let service: ServiceUnderTest;
  const people = testPeople({ admin: 'ADMIN', repA: ['REP', 'A'], repB: ['REP', 'B'] });
  const { tokens } = people;
  const c = Array.from({ length: 7 }, () => randomUUID());
  const deal = { full: randomUUID(), thin: randomUUID(), empty: randomUUID() };
  /** full: every required role; thin: a blocker and an end user; empty: nobody. */
  const committees: Record<keyof typeof deal, { contact: { id: string }; role: string }[]> = {
    full: [
      { contact: { id: c[1] }, role: 'DECISION_MAKER' },
      { contact: { id: c[2] }, role: 'ECONOMIC_BUYER' },
      { contact: { id: c[3] }, role: 'CHAMPION' },
      { contact: { id: c[4] }, role: 'INFLUENCER' },
      { contact: { id: c[5] }, role: 'TECHNICAL_EVALUATOR' },
    ],
    thin: [
      { contact: { id: c[2] }, role: 'BLOCKER' },
      { contact: { id: c[6] }, role: 'END_USER' },
    ],
    empty: [],
  };
  const representation = (name: keyof typeof deal) => ({ __typename: 'Opportunity', id: deal[name], buyingCommittee: committees[name] });
  const coverage = async (who: Who, names: (keyof typeof deal)[], days?: number) => {
    const data = await service.as(tokens[who]).ok(COVERAGE, { reps: names.map(representation), days });
    return data._entities.map((entity: { committeeCoverage: unknown }) => entity.committeeCoverage);
  };
  const log = async (who: Who, input: Record<string, unknown>) => {
    const data = await service.as(tokens[who]).ok(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { id occurredAt completedAt } }`, { input });
    return data.createActivity;
  };
  const engagement = (contact: string, role: string, lastEngagedAt: string | null) => ({ contact: { id: contact }, role, lastEngagedAt });
  const at = {} as Record<string, string>;

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    at.c1 = (await log('repA', { type: 'CALL', subject: 'Budget call', contactId: c[1], occurredAt: ago(2) })).occurredAt;
    await log('repA', { type: 'NOTE', subject: 'Older note', contactId: c[1], occurredAt: ago(10) });
    at.c2 = (await log('repA', { type: 'MEETING', subject: 'Kick-off', contactId: c[2], occurredAt: ago(40) })).occurredAt;
    // Team B's e-mail: repA may not read it, so for repA the champion was never engaged.
    at.c3 = (await log('repB', { type: 'EMAIL', subject: 'Proposal', contactId: c[3], occurredAt: ago(1) })).occurredAt;
    const deleted = await log('repA', { type: 'CALL', subject: 'Deleted call', contactId: c[4], occurredAt: ago(5) });
    await service.as(tokens.repA).call(`mutation($id: ID!) { deleteActivity(id: $id) { id } }`, { id: deleted.id });
    // Planned work is not engagement yet.
    await log('repA', { type: 'TASK', subject: 'Demo for IT', contactId: c[5], dueAt: new Date(Date.now() + 3 * DAY).toISOString() });
    at.c6 = (await log('repA', { type: 'TASK', subject: 'Send onboarding guide', contactId: c[6], dueAt: ago(4), completedAt: ago(3) })).completedAt;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('splits the committee into engaged (newest first) and not engaged members and lists missing required roles', async () => {
    const [full, thin, empty] = await coverage('admin', ['full', 'thin', 'empty']);
    expect(full).toEqual({
      days: 30,
      since: expect.any(String),
      engaged: [engagement(c[3], 'CHAMPION', at.c3), engagement(c[1], 'DECISION_MAKER', at.c1)],
      notEngaged: [engagement(c[2], 'ECONOMIC_BUYER', at.c2), engagement(c[4], 'INFLUENCER', null), engagement(c[5], 'TECHNICAL_EVALUATOR', null)],
      missingRoles: [],
    });
    expect(Math.abs(Date.parse(full.since) - (Date.now() - 30 * DAY))).toBeLessThan(60_000);
    expect(thin).toEqual({
      days: 30,
      since: full.since,
      engaged: [engagement(c[6], 'END_USER', at.c6)],
      notEngaged: [engagement(c[2], 'BLOCKER', at.c2)],
      missingRoles: ['DECISION_MAKER', 'ECONOMIC_BUYER', 'CHAMPION', 'TECHNICAL_EVALUATOR'],
    });
    expect(empty).toEqual({ days: 30, since: full.since, engaged: [], notEngaged: [], missingRoles: ['DECISION_MAKER', 'ECONOMIC_BUYER', 'CHAMPION', 'TECHNICAL_EVALUATOR'] });
  });

  it('widens the window with days', async () => {
    const [full] = await coverage('admin', ['full'], 45);
    expect(full.days).toBe(45);
    expect(full.engaged.map((e: { role: string }) => e.role)).toEqual(['CHAMPION', 'DECISION_MAKER', 'ECONOMIC_BUYER']);
  });

  it('counts only activities the caller may read', async () => {
    const [full] = await coverage('repA', ['full']);
    expect(full.engaged).toEqual([engagement(c[1], 'DECISION_MAKER', at.c1)]);
    expect(full.notEngaged.map((e: { role: string; lastEngagedAt: string | null }) => [e.role, e.lastEngagedAt])).toEqual([
      ['ECONOMIC_BUYER', at.c2],
      ['CHAMPION', null],
      ['INFLUENCER', null],
      ['TECHNICAL_EVALUATOR', null],
    ]);
  });

  it('refuses days outside 1..365 with BAD_USER_INPUT naming days', async () => {
    for (const days of [0, 366, -5]) {
      const { errors } = await service.as(tokens.admin).call(COVERAGE, { reps: [representation('full')], days });
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual(['days']);
    }
  });

  it('computes the coverage of all deals of a request in one SQL query', async () => {
    const queries = async (names: (keyof typeof deal)[]) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      await coverage('admin', names);
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    expect(await queries(['full'])).toBe(1);
    expect(await queries(['full', 'thin', 'empty', 'full', 'thin', 'empty'])).toBe(1);
  });
});
