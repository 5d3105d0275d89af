import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dbQueriesTotal } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { problemOf, startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { createTestPipeline, NEW_BUSINESS_STAGES, RENEWAL_STAGES } from '../pipelines/pipeline-stages.fixture';
import { start } from '../server';

type Who = 'admin' | 'manager' | 'rep' | 'analyst';

const DEAL = `id version closedAt lostReasonNote lostReason { id name active } stage { name kind }
  stageHistory { fromStage { name } toStage { name } reopened lostReason { name } lostReasonNote }`;
const DAY = 86_400_000;

/**
 * The sales cycle on real PostgreSQL: the managed lost-reason list, lost reasons required into LOST
 * stages and cleared on reopening, reopenings recorded in the stage history, and time in each stage.
 */
describe('lost reasons, reopening and time in stages', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const people = testPeople({ admin: 'ADMIN', manager: ['MANAGER', 'sales'], rep: ['REP', 'sales'], analyst: 'ANALYST' });
  const { principals, tokens } = people;
  const stage: Record<string, string> = {};
  const reason: Record<string, string> = {};

  const call = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).call(query, variables);
  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const rows = async (sql: string, params: unknown[] = []) => service.handle.db.query(sql, params);
  const createDeal = async (who: Who = 'rep', input: Record<string, unknown> = {}) => {
    const data = await ok(who, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { ${DEAL} } }`, {
      input: { name: 'Deal', accountId: randomUUID(), amount: { amount: '1000.00', currency: 'EUR' }, expectedCloseDate: '2026-12-31', ...input },
    });
    return data.createOpportunity;
  };
  const move = (opportunityId: string, stageName: string, extra: Record<string, unknown> = {}, who: Who = 'rep') =>
    call(who, `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { ${DEAL} } }`, {
      input: { opportunityId, stageId: stage[stageName], ...extra },
    });
  const createReason = (who: Who, input: Record<string, unknown>) =>
    call(who, `mutation($input: CreateLostReasonInput!) { createLostReason(input: $input) { id name description active } }`, { input });
  const updateReason = (who: Who, id: string, input: Record<string, unknown>) =>
    call(who, `mutation($id: ID!, $input: UpdateLostReasonInput!) { updateLostReason(id: $id, input: $input) { id name description active } }`, { id, input });
  const reasonNames = async (includeInactive?: boolean) =>
    (await call('rep', `query($all: Boolean) { lostReasons(includeInactive: $all) { name active } }`, { all: includeInactive })).data.lostReasons.map(
      (r: { name: string; active: boolean }) => `${r.name}${r.active ? '' : ' (inactive)'}`,
    );
  const stateOf = async (id: string) => (await rows(`SELECT version, stage_id, lost_reason_id, lost_reason_note FROM opportunities.opportunities WHERE id = $1`, [id]))[0];
  const changesOf = async (id: string) => Number((await rows(`SELECT count(*)::int AS n FROM opportunities.stage_changes WHERE opportunity_id = $1`, [id]))[0].n);

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    for (const [name, stages] of [['New Business', NEW_BUSINESS_STAGES], ['Renewals', RENEWAL_STAGES]] as const) {
      Object.assign(stage, (await createTestPipeline(service.as(tokens.admin), name, stages)).stages);
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe('the lost-reason list', () => {
    it('lets ADMIN and MANAGER add reasons, and refuses REP and ANALYST with FORBIDDEN', async () => {
      const price = await createReason('admin', { name: '  Price ', description: 'Too expensive, or the budget was cut' });
      expect(price.errors).toBeUndefined();
      expect(price.data.createLostReason).toMatchObject({ name: 'Price', description: 'Too expensive, or the budget was cut', active: true });
      reason.Price = price.data.createLostReason.id;
      for (const name of ['Competitor', 'Timing']) {
        const created = await createReason('manager', { name });
        expect(created.errors).toBeUndefined();
        reason[name] = created.data.createLostReason.id;
      }
      for (const who of ['rep', 'analyst'] as const) {
        expect(problemOf(await createReason(who, { name: 'Mine' }))?.code).toBe('FORBIDDEN');
        expect(problemOf(await updateReason(who, reason.Price!, { name: 'Cost' }))?.code).toBe('FORBIDDEN');
      }
      expect(await reasonNames()).toEqual(['Competitor', 'Price', 'Timing']);
    });

    it('refuses a blank name and a name an active reason already has (ignoring case), naming input.name', async () => {
      expect(problemOf(await createReason('admin', { name: 'price' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.name'] });
      expect(problemOf(await createReason('admin', { name: '   ' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.name'] });
      expect(problemOf(await updateReason('admin', reason.Timing!, { name: 'COMPETITOR' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.name'] });
      expect(problemOf(await updateReason('admin', randomUUID(), { name: 'x' }))?.code).toBe('NOT_FOUND');
      expect(await reasonNames()).toEqual(['Competitor', 'Price', 'Timing']);
    });

    it('renames and deactivates instead of deleting; a deactivated name can be used again, but not reactivated while taken', async () => {
      const renamed = await updateReason('manager', reason.Timing!, { name: 'Bad timing', description: 'Not now' });
      expect(renamed.data.updateLostReason).toMatchObject({ name: 'Bad timing', description: 'Not now', active: true });
      const deactivated = await updateReason('admin', reason.Timing!, { active: false, description: null });
      expect(deactivated.data.updateLostReason).toMatchObject({ name: 'Bad timing', description: null, active: false });
      expect(await reasonNames()).toEqual(['Competitor', 'Price']);
      expect(await reasonNames(true)).toEqual(['Competitor', 'Price', 'Bad timing (inactive)']);

      const again = await createReason('admin', { name: 'bad timing' });
      expect(again.errors).toBeUndefined();
      reason.Timing2 = again.data.createLostReason.id;
      expect(problemOf(await updateReason('admin', reason.Timing!, { active: true }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.active'] });
      expect(problemOf(await updateReason('admin', reason.Timing!, { active: null }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.active'] });
      expect(await rows(`SELECT count(*)::int AS n FROM opportunities.lost_reasons`)).toEqual([{ n: 4 }]);
    });
  });

  describe('losing a deal', () => {
    it('refuses a move into a LOST stage without an active lost reason, naming input.lostReasonId, and writes nothing', async () => {
      const deal = await createDeal();
      const before = await stateOf(deal.id);
      expect(problemOf(await move(deal.id, 'Closed Lost'))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      expect(problemOf(await move(deal.id, 'Closed Lost', { lostReasonNote: 'They went quiet' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      const inactive = await move(deal.id, 'Closed Lost', { lostReasonId: reason.Timing });
      expect(problemOf(inactive)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      expect(inactive.errors?.[0].message).toContain('"Bad timing" is deactivated');
      expect(problemOf(await move(deal.id, 'Closed Lost', { lostReasonId: randomUUID() }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      expect(problemOf(await move(deal.id, 'Closed Lost', { lostReasonId: 'price' }))?.code).toBe('BAD_USER_INPUT');
      const update = await call('rep', `mutation($id: ID!, $s: ID!) { updateOpportunity(id: $id, input: { stageId: $s, name: "Lost?" }) { id } }`, { id: deal.id, s: stage['Closed Lost'] });
      expect(problemOf(update)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      expect(await stateOf(deal.id)).toEqual(before);
      expect(await changesOf(deal.id)).toBe(1);
    });

    it('refuses a lost reason on a move into an OPEN or WON stage, and on a deal that is not lost', async () => {
      const deal = await createDeal();
      expect(problemOf(await move(deal.id, 'Proposal', { lostReasonId: reason.Price }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      expect(problemOf(await move(deal.id, 'Closed Won', { lostReasonId: reason.Price }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      expect(problemOf(await move(deal.id, 'Closed Won', { lostReasonNote: 'x' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonNote'] });
      const update = await call('rep', `mutation($id: ID!, $r: ID!) { updateOpportunity(id: $id, input: { lostReasonId: $r }) { id } }`, { id: deal.id, r: reason.Price });
      expect(problemOf(update)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      expect(await changesOf(deal.id)).toBe(1);
    });

    it('records the lost reason and note on the deal and on its stage change, with closedAt', async () => {
      const deal = await createDeal();
      const lost = await move(deal.id, 'Closed Lost', { lostReasonId: reason.Competitor, lostReasonNote: '  Went with Initech  ', expectedVersion: 1 });
      expect(lost.errors).toBeUndefined();
      const moved = lost.data.moveOpportunityStage;
      expect(moved).toMatchObject({ version: 2, lostReasonNote: 'Went with Initech', lostReason: { id: reason.Competitor, name: 'Competitor' }, stage: { kind: 'LOST' } });
      expect(moved.closedAt).not.toBeNull();
      expect(moved.stageHistory[1]).toEqual({
        fromStage: { name: 'Qualification' },
        toStage: { name: 'Closed Lost' },
        reopened: false,
        lostReason: { name: 'Competitor' },
        lostReasonNote: 'Went with Initech',
      });
    });

    it('lets updateOpportunity lose a deal with a stageId and a reason, and replace the reason of a lost deal without a new stage change', async () => {
      const deal = await createDeal();
      const lost = await call('rep', `mutation($id: ID!, $s: ID!, $r: ID!) { updateOpportunity(id: $id, input: { stageId: $s, lostReasonId: $r }) { ${DEAL} } }`, {
        id: deal.id,
        s: stage['Closed Lost'],
        r: reason.Price,
      });
      expect(lost.errors).toBeUndefined();
      expect(lost.data.updateOpportunity).toMatchObject({ lostReason: { name: 'Price' }, lostReasonNote: null });
      const corrected = await call('rep', `mutation($id: ID!, $r: ID!) { updateOpportunity(id: $id, input: { lostReasonId: $r, lostReasonNote: "Budget frozen" }) { ${DEAL} } }`, {
        id: deal.id,
        r: reason.Timing2,
      });
      expect(corrected.errors).toBeUndefined();
      expect(corrected.data.updateOpportunity).toMatchObject({ lostReason: { name: 'bad timing' }, lostReasonNote: 'Budget frozen' });
      // The stage change keeps the reason given with the move; the audit trail has the correction.
      expect(corrected.data.updateOpportunity.stageHistory.map((c: any) => c.lostReason?.name ?? null)).toEqual([null, 'Price']);
      expect(await changesOf(deal.id)).toBe(2);
    });

    it('creates a deal directly in a LOST stage only with a lost reason', async () => {
      const refused = await call('rep', `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name: 'Lost at once', accountId: randomUUID(), amount: { amount: '1.00', currency: 'EUR' }, expectedCloseDate: '2026-12-31', stageId: stage['Churned'] },
      });
      expect(problemOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lostReasonId'] });
      const created = await createDeal('rep', { stageId: stage['Churned'], lostReasonId: reason.Price, lostReasonNote: 'Moved to a cheaper plan' });
      expect(created).toMatchObject({ stage: { name: 'Churned' }, lostReason: { name: 'Price' }, lostReasonNote: 'Moved to a cheaper plan' });
      expect(created.stageHistory).toEqual([{ fromStage: null, toStage: { name: 'Churned' }, reopened: false, lostReason: { name: 'Price' }, lostReasonNote: 'Moved to a cheaper plan' }]);
    });

    it('keeps showing a deactivated reason on the deals lost with it', async () => {
      const extra = (await createReason('admin', { name: 'Merger' })).data.createLostReason.id;
      const deal = await createDeal();
      expect((await move(deal.id, 'Closed Lost', { lostReasonId: extra })).errors).toBeUndefined();
      await updateReason('admin', extra, { active: false });
      const { data } = await call('analyst', `query($id: ID!) { opportunity(id: $id) { lostReason { name active } stageHistory { lostReason { name } } } }`, { id: deal.id });
      expect(data.opportunity).toEqual({ lostReason: { name: 'Merger', active: false }, stageHistory: [{ lostReason: null }, { lostReason: { name: 'Merger' } }] });
    });
  });

  describe('reopening', () => {
    it('allows moving a lost or won deal back to an OPEN stage, records it as reopened and clears the lost reason and closedAt', async () => {
      const deal = await createDeal();
      await move(deal.id, 'Closed Lost', { lostReasonId: reason.Price, lostReasonNote: 'Too dear' });
      const reopened = await move(deal.id, 'Negotiation');
      expect(reopened.errors).toBeUndefined();
      expect(reopened.data.moveOpportunityStage).toMatchObject({ closedAt: null, lostReason: null, lostReasonNote: null, stage: { name: 'Negotiation' } });
      await move(deal.id, 'Closed Won');
      const again = (await move(deal.id, 'Proposal')).data.moveOpportunityStage;
      await move(deal.id, 'Negotiation');
      const history = (await call('rep', `query($id: ID!) { opportunity(id: $id) { ${DEAL} } }`, { id: deal.id })).data.opportunity.stageHistory;
      expect(history.map((c: any) => [c.toStage.name, c.reopened, c.lostReason?.name ?? null, c.lostReasonNote])).toEqual([
        ['Qualification', false, null, null],
        ['Closed Lost', false, 'Price', 'Too dear'],
        ['Negotiation', true, null, null],
        ['Closed Won', false, null, null],
        ['Proposal', true, null, null],
        ['Negotiation', false, null, null],
      ]);
      expect(again.closedAt).toBeNull();

      // The audit trail keeps the reason the reopening cleared.
      const trail = await call('admin', `query($id: ID!) { opportunity(id: $id) { auditTrail(first: 10) { edges { node { action changes { field from to } } } } } }`, { id: deal.id });
      const cleared = trail.data.opportunity.auditTrail.edges
        .flatMap((e: any) => e.node.changes)
        .filter((c: any) => c.field === 'lostReasonId' && c.to === null);
      expect(cleared).toEqual([{ field: 'lostReasonId', from: reason.Price, to: null }]);
    });
  });

  describe('time in stages', () => {
    /** Gives a deal's stage changes (in seq order) these times, and the deal its createdAt and closedAt. */
    const setTimeline = async (id: string, times: string[], closed: boolean) => {
      await rows(
        `UPDATE opportunities.stage_changes change SET changed_at = ($2::timestamptz[])[ordered.n]
           FROM (SELECT id, row_number() OVER (ORDER BY seq) AS n FROM opportunities.stage_changes WHERE opportunity_id = $1) ordered
          WHERE change.id = ordered.id`,
        [id, times],
      );
      await rows(`UPDATE opportunities.opportunities SET created_at = $2, closed_at = $3 WHERE id = $1`, [id, times[0], closed ? times[times.length - 1] : null]);
    };

    it('lists every stay of a deal with enteredAt, leftAt and days, the current one counted up to now', async () => {
      const deal = await createDeal();
      for (const name of ['Proposal', 'Closed Won', 'Negotiation', 'Closed Won']) await move(deal.id, name);
      await setTimeline(deal.id, ['2026-09-01T00:00:00Z', '2026-09-05T00:00:00Z', '2026-09-15T00:00:00Z', '2026-09-20T12:00:00Z', '2026-10-01T00:00:00Z'], true);
      const asked = Date.now();
      const { data, errors } = await call('rep', `query($id: ID!) { opportunity(id: $id) { timeInStages { stage { name } enteredAt leftAt days } } }`, { id: deal.id });
      expect(errors).toBeUndefined();
      const stays = data.opportunity.timeInStages;
      expect(stays.slice(0, 4)).toEqual([
        { stage: { name: 'Qualification' }, enteredAt: '2026-09-01T00:00:00.000Z', leftAt: '2026-09-05T00:00:00.000Z', days: 4 },
        { stage: { name: 'Proposal' }, enteredAt: '2026-09-05T00:00:00.000Z', leftAt: '2026-09-15T00:00:00.000Z', days: 10 },
        { stage: { name: 'Closed Won' }, enteredAt: '2026-09-15T00:00:00.000Z', leftAt: '2026-09-20T12:00:00.000Z', days: 5.5 },
        { stage: { name: 'Negotiation' }, enteredAt: '2026-09-20T12:00:00.000Z', leftAt: '2026-10-01T00:00:00.000Z', days: 10.5 },
      ]);
      expect(stays[4]).toMatchObject({ stage: { name: 'Closed Won' }, enteredAt: '2026-10-01T00:00:00.000Z', leftAt: null });
      const expected = (asked - Date.parse('2026-10-01T00:00:00Z')) / DAY;
      expect(Math.abs(stays[4].days - expected)).toBeLessThan(1 / 24);
    });

    it('loads the stays of a whole page of deals in one query, whatever the page size', async () => {
      const accountId = randomUUID();
      for (let i = 0; i < 12; i++) {
        const deal = await createDeal('rep', { accountId });
        await move(deal.id, 'Discovery');
      }
      const queries = async (first: number) => {
        const before = (await dbQueriesTotal.get()).values[0]!.value;
        const { data, errors } = await call('rep', `query($f: OpportunityFilter, $first: Int) { opportunities(first: $first, filter: $f) { edges { node { timeInStages { stage { name } leftAt } } } } }`, {
          f: { accountId },
          first,
        });
        expect(errors).toBeUndefined();
        for (const { node } of data.opportunities.edges) expect(node.timeInStages.map((s: any) => [s.stage.name, s.leftAt === null])).toEqual([['Qualification', false], ['Discovery', true]]);
        return (await dbQueriesTotal.get()).values[0]!.value - before;
      };
      expect(await queries(12)).toBe(await queries(3));
    });
  });
});
