import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { problemOf, startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { createTestPipeline, NEW_BUSINESS_STAGES, RENEWAL_STAGES } from '../pipelines/pipeline-stages.fixture';
import { start } from '../server';

type Who = 'admin' | 'manager' | 'repA' | 'repB' | 'analyst';
type Money = { amount: string; currency: string };

const eur = (amount: string): Money => ({ amount, currency: 'EUR' });
const usd = (amount: string): Money => ({ amount, currency: 'USD' });

/**
 * The analytics queries on a small fixed book whose every figure is computed by hand in the comments
 * below: pipelineSummary, forecast and salesCycleStats, for ADMIN and for REPs (who count only their
 * own and their team's deals), with deleted deals left out.
 *
 * New Business (Qualification 10 %, Discovery 25 %, Proposal 50 %, Negotiation 75 %, Closed Won, Closed Lost):
 *   open  D1 repA EUR 1000.00 Qualification, closes 2026-11-15   weighted  100.00
 *         D2 repA EUR 2000.00 Proposal,      closes 2026-12-10   weighted 1000.00
 *         D3 repA USD 3000.00 Proposal,      closes 2027-01-20   weighted 1500.00
 *         D4 repB EUR 4000.00 Negotiation,   closes 2026-11-30   weighted 3000.00
 *         D5 repB EUR  333.34 Discovery,     closes 2027-02-01   weighted   83.34 (83.335 rounded half up)
 *   won   D6 repA EUR 5000.00  Q 08-01 → D 08-11 → P 08-21 → N 09-10 → Won 10-10            (70 days)
 *         D11 repB EUR 1500.00 Q 09-01 → P 09-05 → Won 09-15 → N 09-20 (reopened) → Won 10-01 (30 days)
 *         D12 repA EUR 2500.00 Q 06-01 → D 06-21 → Won 10-20                                 (141 days)
 *         D15 repA EUR  800.00 Q 10-25 → Won 11-01T00:00Z: outside the window [10-01, 11-01)
 *   lost  D7 repB USD 6000.00  Q 09-01 → D 09-11 → Lost 10-05 (Price)
 *         D8 repA EUR 7000.00  Q 08-01 → D 08-06 → P 08-16 → Lost 10-15 (Competitor)
 *         D17 repB EUR 100.00  Q 09-20 → Lost 10-02 (Price)
 *   deleted D9 repA EUR 9999.00 Proposal closes 2026-12-01; D16 repA EUR 4444.00 won 10-12
 * Renewals: D10 admin (no team) EUR 500.00 Renewal Due 60 %, closes 2026-12-15, weighted 300.00.
 * repA is in team A with the manager, repB in team B; a REP's deals are their team's.
 */
describe('analytics: pipeline summary, forecast and sales cycle on a fixed data set', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const people = testPeople({ admin: 'ADMIN', manager: ['MANAGER', 'A'], repA: ['REP', 'A'], repB: ['REP', 'B'], analyst: 'ANALYST' });
  const { principals, tokens, teams } = people;
  const stage: Record<string, string> = {};
  const pipeline = {} as Record<'newBusiness' | 'renewals', string>;
  const reason: Record<string, string> = {};

  const call = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).call(query, variables);
  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);

  /**
   * A deal owned by `owner`, moved along `path` (the first stage is where it is created), with the
   * stage changes, createdAt and closedAt then set to `times` (UTC days of 2026, or full ISO instants).
   */
  const deal = async (owner: Who, path: string[], amount: Money, expectedCloseDate: string, options: { times?: string[]; lostReason?: string } = {}) => {
    const { createOpportunity } = await ok(owner, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
      input: { name: `Deal ${path.join(' → ')}`, accountId: randomUUID(), amount, expectedCloseDate, stageId: stage[path[0]!] },
    });
    const id = createOpportunity.id as string;
    for (const name of path.slice(1)) {
      const lost = name === 'Closed Lost' ? { lostReasonId: reason[options.lostReason!] } : {};
      await ok(owner, `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, {
        input: { opportunityId: id, stageId: stage[name], ...lost },
      });
    }
    if (options.times) {
      const times = options.times.map((t) => (t.includes('T') ? t : `2026-${t}T00:00:00Z`));
      expect(times).toHaveLength(path.length);
      await service.handle.db.query(
        `UPDATE opportunities.stage_changes change SET changed_at = ($2::timestamptz[])[ordered.n]
           FROM (SELECT id, row_number() OVER (ORDER BY seq) AS n FROM opportunities.stage_changes WHERE opportunity_id = $1) ordered
          WHERE change.id = ordered.id`,
        [id, times],
      );
      const closed = path[path.length - 1]!.startsWith('Closed');
      await service.handle.db.query(`UPDATE opportunities.opportunities SET created_at = $2, closed_at = $3 WHERE id = $1`, [id, times[0], closed ? times[times.length - 1] : null]);
    }
    return id;
  };

  const SUMMARY = `query($p: ID!, $owner: ID, $team: ID) { pipelineSummary(pipelineId: $p, ownerId: $owner, teamId: $team) {
    pipeline { name } count amount { amount currency } weightedAmount { amount currency }
    stages { stage { name } count amount { amount currency } weightedAmount { amount currency } } } }`;
  const FORECAST = `query($from: LocalDate!, $to: LocalDate!, $by: ForecastPeriod, $p: ID, $owner: ID, $team: ID) {
    forecast(from: $from, to: $to, groupBy: $by, pipelineId: $p, ownerId: $owner, teamId: $team) {
      from to groupBy count amount { amount currency } weightedAmount { amount currency }
      periods { start end label count amount { amount currency } weightedAmount { amount currency } } } }`;
  const CYCLE = `query($from: DateTimeISO!, $to: DateTimeISO!, $p: ID) { salesCycleStats(from: $from, to: $to, pipelineId: $p) {
    won lost winRate averageDaysToClose medianDaysToClose
    stages { stage { name } entered advanced conversionRate averageDaysInStage }
    lostReasons { lostReason { name } count } } }`;
  const WINDOW = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
  const totalCount = async (who: Who, filter: Record<string, unknown>) =>
    (await ok(who, `query($f: OpportunityFilter) { opportunities(filter: $f) { totalCount } }`, { f: filter })).opportunities.totalCount as number;

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
    for (const [key, name, stages] of [['newBusiness', 'New Business', NEW_BUSINESS_STAGES], ['renewals', 'Renewals', RENEWAL_STAGES]] as const) {
      const created = await createTestPipeline(service.as(tokens.admin), name, stages);
      pipeline[key] = created.id;
      Object.assign(stage, created.stages);
    }
    for (const name of ['Price', 'Competitor']) {
      reason[name] = (await ok('admin', `mutation($n: String!) { createLostReason(input: { name: $n }) { id } }`, { n: name })).createLostReason.id;
    }

    await deal('repA', ['Qualification'], eur('1000.00'), '2026-11-15');
    await deal('repA', ['Qualification', 'Proposal'], eur('2000.00'), '2026-12-10');
    await deal('repA', ['Qualification', 'Proposal'], usd('3000.00'), '2027-01-20');
    await deal('repB', ['Qualification', 'Negotiation'], eur('4000.00'), '2026-11-30');
    await deal('repB', ['Qualification', 'Discovery'], eur('333.34'), '2027-02-01');
    await deal('repA', ['Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed Won'], eur('5000.00'), '2026-10-10', {
      times: ['08-01', '08-11', '08-21', '09-10', '10-10'],
    });
    await deal('repB', ['Qualification', 'Proposal', 'Closed Won', 'Negotiation', 'Closed Won'], eur('1500.00'), '2026-10-01', {
      times: ['09-01', '09-05', '09-15', '09-20', '10-01'],
    });
    await deal('repA', ['Qualification', 'Discovery', 'Closed Won'], eur('2500.00'), '2026-10-20', { times: ['06-01', '06-21', '10-20'] });
    await deal('repA', ['Qualification', 'Closed Won'], eur('800.00'), '2026-11-01', { times: ['10-25', '11-01'] });
    await deal('repB', ['Qualification', 'Discovery', 'Closed Lost'], usd('6000.00'), '2026-12-05', { times: ['09-01', '09-11', '10-05'], lostReason: 'Price' });
    await deal('repA', ['Qualification', 'Discovery', 'Proposal', 'Closed Lost'], eur('7000.00'), '2026-12-05', {
      times: ['08-01', '08-06', '08-16', '10-15'],
      lostReason: 'Competitor',
    });
    await deal('repB', ['Qualification', 'Closed Lost'], eur('100.00'), '2026-11-20', { times: ['09-20', '10-02'], lostReason: 'Price' });
    const deleted = [
      await deal('repA', ['Qualification', 'Proposal'], eur('9999.00'), '2026-12-01'),
      await deal('repA', ['Qualification', 'Closed Won'], eur('4444.00'), '2026-10-12', { times: ['09-01', '10-12'] }),
    ];
    for (const id of deleted) await ok('admin', `mutation($id: ID!) { deleteOpportunity(id: $id) { id } }`, { id });
    await deal('admin', ['Renewal Due'], eur('500.00'), '2026-12-15');
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe('pipelineSummary', () => {
    it('sums every stage of the pipeline per currency, zero rows included, deleted deals left out', async () => {
      const { pipelineSummary } = await ok('analyst', SUMMARY, { p: pipeline.newBusiness });
      expect(pipelineSummary).toEqual({
        pipeline: { name: 'New Business' },
        count: 12,
        amount: [eur('24233.34'), usd('9000.00')],
        weightedAmount: [eur('13983.34'), usd('1500.00')],
        stages: [
          { stage: { name: 'Qualification' }, count: 1, amount: [eur('1000.00')], weightedAmount: [eur('100.00')] },
          { stage: { name: 'Discovery' }, count: 1, amount: [eur('333.34')], weightedAmount: [eur('83.34')] },
          { stage: { name: 'Proposal' }, count: 2, amount: [eur('2000.00'), usd('3000.00')], weightedAmount: [eur('1000.00'), usd('1500.00')] },
          { stage: { name: 'Negotiation' }, count: 1, amount: [eur('4000.00')], weightedAmount: [eur('3000.00')] },
          { stage: { name: 'Closed Won' }, count: 4, amount: [eur('9800.00')], weightedAmount: [eur('9800.00')] },
          { stage: { name: 'Closed Lost' }, count: 3, amount: [eur('7100.00'), usd('6000.00')], weightedAmount: [eur('0.00'), usd('0.00')] },
        ],
      });
    });

    it('counts only their own and their team\'s deals for a REP', async () => {
      const { pipelineSummary } = await ok('repA', SUMMARY, { p: pipeline.newBusiness });
      expect(pipelineSummary.stages.map((s: any) => s.count)).toEqual([1, 0, 2, 0, 3, 1]);
      expect(pipelineSummary.stages[1]).toEqual({ stage: { name: 'Discovery' }, count: 0, amount: [], weightedAmount: [] });
      expect(pipelineSummary).toMatchObject({ count: 7, amount: [eur('18300.00'), usd('3000.00')], weightedAmount: [eur('9400.00'), usd('1500.00')] });
      expect((await ok('repB', SUMMARY, { p: pipeline.newBusiness })).pipelineSummary.count).toBe(5);
      expect((await ok('repB', SUMMARY, { p: pipeline.renewals })).pipelineSummary).toMatchObject({ count: 0, amount: [], stages: [{ count: 0 }, { count: 0 }, { count: 0 }] });
    });

    it('narrows to one owner or team on top of the caller\'s read rule', async () => {
      const count = async (who: Who, variables: Record<string, unknown>) => (await ok(who, SUMMARY, { p: pipeline.newBusiness, ...variables })).pipelineSummary.count;
      expect(await count('admin', { owner: principals.repB.userId })).toBe(5);
      expect(await count('manager', { team: teams.A })).toBe(7);
      expect(await count('repA', { owner: principals.repB.userId })).toBe(0);
      expect(await count('admin', { team: teams.B, owner: principals.repA.userId })).toBe(0);
    });

    it('adds up to opportunities(filter: { pipelineId }).totalCount for every caller', async () => {
      for (const who of Object.keys(principals) as Who[]) {
        for (const p of Object.values(pipeline)) {
          const { pipelineSummary } = await ok(who, SUMMARY, { p });
          const sum = pipelineSummary.stages.reduce((n: number, s: { count: number }) => n + s.count, 0);
          expect([who, sum, pipelineSummary.count]).toEqual([who, await totalCount(who, { pipelineId: p }), sum]);
        }
      }
    });

    it('refuses an unknown pipeline or a malformed id, naming the argument', async () => {
      expect(problemOf(await call('admin', SUMMARY, { p: randomUUID() }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['pipelineId'] });
      expect(problemOf(await call('admin', SUMMARY, { p: pipeline.newBusiness, owner: 'me' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['ownerId'] });
    });
  });

  describe('forecast', () => {
    const range = { from: '2026-11-10', to: '2027-03-15' };

    it('splits the open deals by expected close month, weighted and unweighted per currency, empty months included', async () => {
      const { forecast } = await ok('analyst', FORECAST, range);
      expect(forecast).toEqual({
        from: '2026-11-10',
        to: '2027-03-15',
        groupBy: 'MONTH',
        count: 6,
        amount: [eur('7833.34'), usd('3000.00')],
        weightedAmount: [eur('4483.34'), usd('1500.00')],
        periods: [
          { start: '2026-11-10', end: '2026-11-30', label: '2026-11', count: 2, amount: [eur('5000.00')], weightedAmount: [eur('3100.00')] },
          { start: '2026-12-01', end: '2026-12-31', label: '2026-12', count: 2, amount: [eur('2500.00')], weightedAmount: [eur('1300.00')] },
          { start: '2027-01-01', end: '2027-01-31', label: '2027-01', count: 1, amount: [usd('3000.00')], weightedAmount: [usd('1500.00')] },
          { start: '2027-02-01', end: '2027-02-28', label: '2027-02', count: 1, amount: [eur('333.34')], weightedAmount: [eur('83.34')] },
          { start: '2027-03-01', end: '2027-03-15', label: '2027-03', count: 0, amount: [], weightedAmount: [] },
        ],
      });
    });

    it('groups by quarter', async () => {
      const { forecast } = await ok('admin', FORECAST, { ...range, by: 'QUARTER' });
      expect(forecast.periods).toEqual([
        { start: '2026-11-10', end: '2026-12-31', label: '2026-Q4', count: 4, amount: [eur('7500.00')], weightedAmount: [eur('4400.00')] },
        { start: '2027-01-01', end: '2027-03-15', label: '2027-Q1', count: 2, amount: [eur('333.34'), usd('3000.00')], weightedAmount: [eur('83.34'), usd('1500.00')] },
      ]);
      expect(forecast.count).toBe(6);
    });

    it('counts only a REP\'s own and team\'s deals, and narrows by pipeline, owner and team', async () => {
      expect((await ok('repA', FORECAST, range)).forecast).toMatchObject({ count: 3, amount: [eur('3000.00'), usd('3000.00')], weightedAmount: [eur('1100.00'), usd('1500.00')] });
      expect((await ok('repB', FORECAST, range)).forecast.periods.map((p: any) => p.count)).toEqual([1, 0, 0, 1, 0]);
      expect((await ok('admin', FORECAST, { ...range, p: pipeline.newBusiness })).forecast.count).toBe(5);
      expect((await ok('admin', FORECAST, { ...range, p: pipeline.renewals })).forecast).toMatchObject({ count: 1, weightedAmount: [eur('300.00')] });
      expect((await ok('manager', FORECAST, { ...range, team: teams.B })).forecast.count).toBe(2);
      expect((await ok('manager', FORECAST, { ...range, owner: principals.repA.userId })).forecast.count).toBe(3);
    });

    it('agrees with the open deals the opportunities list counts for the same range', async () => {
      for (const who of ['admin', 'repA', 'repB'] as const) {
        const { forecast } = await ok(who, FORECAST, range);
        expect(forecast.count).toBe(await totalCount(who, { stageKind: 'OPEN', expectedCloseFrom: range.from, expectedCloseTo: range.to }));
      }
    });

    it('refuses to before from and a range over 5 years with BAD_USER_INPUT naming to', async () => {
      expect(problemOf(await call('admin', FORECAST, { from: '2026-12-01', to: '2026-11-30' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['to'] });
      expect(problemOf(await call('admin', FORECAST, { from: '2026-01-01', to: '2031-01-02' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['to'] });
      const fiveYears = await ok('admin', FORECAST, { from: '2026-01-01', to: '2031-01-01', by: 'QUARTER' });
      expect(fiveYears.forecast.periods).toHaveLength(21);
      expect(fiveYears.forecast.periods[20]).toMatchObject({ label: '2031-Q1', start: '2031-01-01', end: '2031-01-01' });
      const oneDay = await ok('admin', FORECAST, { from: '2026-11-30', to: '2026-11-30' });
      expect(oneDay.forecast.periods).toEqual([{ start: '2026-11-30', end: '2026-11-30', label: '2026-11', count: 1, amount: [eur('4000.00')], weightedAmount: [eur('3000.00')] }]);
    });
  });

  describe('salesCycleStats', () => {
    it('computes win rate, days to close, time in stage and conversion of the deals closed in [from, to)', async () => {
      const { salesCycleStats } = await ok('analyst', CYCLE, { ...WINDOW, p: pipeline.newBusiness });
      // Won D6 (70 days), D11 (30), D12 (141); lost D7, D8, D17. D15 closed at `to` and deleted D16 do not count.
      expect(salesCycleStats).toMatchObject({ won: 3, lost: 3, winRate: 0.5, medianDaysToClose: 70 });
      expect(salesCycleStats.averageDaysToClose).toBeCloseTo(241 / 3, 9);
      // Finished stays: Qualification 10, 4, 20, 10, 5, 12; Discovery 10, 121, 24, 10; Proposal 20, 10, 60;
      // Negotiation 30, 11; Closed Won 5 (D11 before it was reopened).
      // Entered / advanced (to a later non-LOST stage): Qualification 6/5 (D17 lost from it), Discovery 4/3 (D7),
      // Proposal 3/2 (D8), Negotiation 2/2; WON and LOST stages have no conversion.
      const stages = salesCycleStats.stages.map((s: any) => [s.stage.name, s.entered, s.advanced, s.conversionRate, s.averageDaysInStage]);
      expect(stages).toEqual([
        ['Qualification', 6, 5, expect.closeTo(5 / 6, 9), expect.closeTo(61 / 6, 9)],
        ['Discovery', 4, 3, 0.75, 41.25],
        ['Proposal', 3, 2, expect.closeTo(2 / 3, 9), 30],
        ['Negotiation', 2, 2, 1, 20.5],
        ['Closed Won', 3, 0, null, 5],
        ['Closed Lost', 3, 0, null, null],
      ]);
      expect(salesCycleStats.lostReasons).toEqual([
        { lostReason: { name: 'Price' }, count: 2 },
        { lostReason: { name: 'Competitor' }, count: 1 },
      ]);
    });

    it('lists the stages of every pipeline without pipelineId, and counts only a REP\'s own and team\'s deals', async () => {
      const all = (await ok('admin', CYCLE, WINDOW)).salesCycleStats;
      expect(all.stages.map((s: any) => s.stage.name)).toEqual([...NEW_BUSINESS_STAGES, ...RENEWAL_STAGES].map((s) => s.name));
      expect(all).toMatchObject({ won: 3, lost: 3 });
      // repA: D6 (70 days) and D12 (141) won, D8 lost.
      const repA = (await ok('repA', CYCLE, WINDOW)).salesCycleStats;
      expect(repA).toMatchObject({ won: 2, lost: 1, averageDaysToClose: 105.5, medianDaysToClose: 105.5, lostReasons: [{ lostReason: { name: 'Competitor' }, count: 1 }] });
      expect(repA.winRate).toBeCloseTo(2 / 3, 9);
      expect(repA.stages[0]).toMatchObject({ entered: 3, advanced: 3, conversionRate: 1 });
      // repB: D11 (30 days) won, D7 and D17 lost.
      const repB = (await ok('repB', CYCLE, WINDOW)).salesCycleStats;
      expect(repB).toMatchObject({ won: 1, lost: 2, averageDaysToClose: 30, medianDaysToClose: 30 });
      expect(repB.winRate).toBeCloseTo(1 / 3, 9);
    });

    it('answers nulls, not zeros, when nothing closed', async () => {
      const { salesCycleStats } = await ok('admin', CYCLE, { ...WINDOW, p: pipeline.renewals });
      expect(salesCycleStats).toEqual({
        won: 0,
        lost: 0,
        winRate: null,
        averageDaysToClose: null,
        medianDaysToClose: null,
        stages: RENEWAL_STAGES.map((s) => ({ stage: { name: s.name }, entered: 0, advanced: 0, conversionRate: null, averageDaysInStage: null })),
        lostReasons: [],
      });
    });

    it('refuses a window that ends before it starts, and an unknown pipeline', async () => {
      expect(problemOf(await call('admin', CYCLE, { from: WINDOW.to, to: WINDOW.from }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['to'] });
      expect(problemOf(await call('admin', CYCLE, { ...WINDOW, p: randomUUID() }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['pipelineId'] });
    });
  });

  /**
   * One rate, USD → EUR 0.92153, converts each USD deal and rounds it to cents before anything is summed:
   *   D3 USD 3000.00 → EUR 2764.59, weighted 1500.00 → 1382.295 → 1382.30 (half away from zero)
   *   D7 USD 6000.00 → EUR 5529.18, weighted 0.00 → 0.00
   * New Business in EUR: Proposal 2000.00 + 2764.59 = 4764.59 (weighted 1000.00 + 1382.30 = 2382.30),
   * Closed Lost 7100.00 + 5529.18 = 12629.18; total 24233.34 + 2764.59 + 5529.18 = 32527.11, weighted
   * 13983.34 + 1382.30 = 15365.64. Forecast: January 2764.59 (1382.30); total 7833.34 + 2764.59 =
   * 10597.93, weighted 4483.34 + 1382.30 = 5865.64.
   */
  describe('conversion into one currency (convertTo)', () => {
    const CONVERTED = `query($p: ID!, $to: String, $owner: ID) { pipelineSummary(pipelineId: $p, convertTo: $to, ownerId: $owner) {
      convertedTo count amount { amount currency } weightedAmount { amount currency }
      stages { stage { name } count amount { amount currency } weightedAmount { amount currency } }
      exchangeRates { fromCurrency toCurrency rate updatedBy { id } } } }`;
    const CONVERTED_FORECAST = `query($from: LocalDate!, $to: LocalDate!, $currency: String) { forecast(from: $from, to: $to, convertTo: $currency) {
      convertedTo count amount { amount currency } weightedAmount { amount currency }
      periods { label count amount { amount currency } weightedAmount { amount currency } }
      exchangeRates { fromCurrency toCurrency rate } } }`;
    const usdToEur = { fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.92153' };

    beforeAll(async () => {
      await ok('admin', `mutation($input: SetExchangeRateInput!) { setExchangeRate(input: $input) { rate } }`, { input: usdToEur });
    });

    it('converts each deal by the rate of its pair, rounds it to cents, then sums, so stages still add up to the total', async () => {
      const { pipelineSummary } = await ok('analyst', CONVERTED, { p: pipeline.newBusiness, to: 'EUR' });
      expect(pipelineSummary).toEqual({
        convertedTo: 'EUR',
        count: 12,
        amount: [eur('32527.11')],
        weightedAmount: [eur('15365.64')],
        stages: [
          { stage: { name: 'Qualification' }, count: 1, amount: [eur('1000.00')], weightedAmount: [eur('100.00')] },
          { stage: { name: 'Discovery' }, count: 1, amount: [eur('333.34')], weightedAmount: [eur('83.34')] },
          { stage: { name: 'Proposal' }, count: 2, amount: [eur('4764.59')], weightedAmount: [eur('2382.30')] },
          { stage: { name: 'Negotiation' }, count: 1, amount: [eur('4000.00')], weightedAmount: [eur('3000.00')] },
          { stage: { name: 'Closed Won' }, count: 4, amount: [eur('9800.00')], weightedAmount: [eur('9800.00')] },
          { stage: { name: 'Closed Lost' }, count: 3, amount: [eur('12629.18')], weightedAmount: [eur('0.00')] },
        ],
        exchangeRates: [{ ...usdToEur, updatedBy: { id: principals.admin.userId } }],
      });
    });

    it('needs no rate where every counted deal is already in the target currency', async () => {
      const { pipelineSummary } = await ok('admin', CONVERTED, { p: pipeline.renewals, to: 'eur' });
      expect(pipelineSummary).toMatchObject({ convertedTo: 'EUR', count: 1, amount: [eur('500.00')], exchangeRates: [] });
      // repB's deals here are all in EUR: nothing to convert into GBP is missing when there is nothing counted.
      expect((await ok('repB', CONVERTED, { p: pipeline.renewals, to: 'GBP' })).pipelineSummary).toMatchObject({ count: 0, amount: [], exchangeRates: [] });
      expect((await ok('admin', SUMMARY, { p: pipeline.newBusiness })).pipelineSummary.amount).toEqual([eur('24233.34'), usd('9000.00')]);
    });

    it('converts the forecast the same way', async () => {
      const { forecast } = await ok('analyst', CONVERTED_FORECAST, { from: '2026-11-10', to: '2027-03-15', currency: 'EUR' });
      expect(forecast).toMatchObject({ convertedTo: 'EUR', count: 6, amount: [eur('10597.93')], weightedAmount: [eur('5865.64')], exchangeRates: [usdToEur] });
      expect(forecast.periods.map((p: any) => [p.label, p.amount, p.weightedAmount])).toEqual([
        ['2026-11', [eur('5000.00')], [eur('3100.00')]],
        ['2026-12', [eur('2500.00')], [eur('1300.00')]],
        ['2027-01', [eur('2764.59')], [eur('1382.30')]],
        ['2027-02', [eur('333.34')], [eur('83.34')]],
        ['2027-03', [], []],
      ]);
    });

    it('refuses, naming convertTo and every missing pair, when a counted deal\'s currency has no rate, rather than leave deals out', async () => {
      const toGbp = await call('analyst', CONVERTED, { p: pipeline.newBusiness, to: 'GBP' });
      expect(problemOf(toGbp)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['convertTo'] });
      expect(toGbp.errors![0]!.message).toContain('EUR → GBP, USD → GBP');
      expect(toGbp.data).toBeNull();
      // A REP counts only their deals: repA's are in EUR and USD, and USD → EUR is set, but EUR → USD is not.
      const toUsd = await call('repA', CONVERTED, { p: pipeline.newBusiness, to: 'USD' });
      expect(problemOf(toUsd)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['convertTo'], message: expect.stringContaining('EUR → USD') });
      expect(problemOf(await call('analyst', CONVERTED_FORECAST, { from: '2026-11-10', to: '2027-03-15', currency: 'GBP' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['convertTo'] });
      expect(problemOf(await call('analyst', CONVERTED, { p: pipeline.newBusiness, to: 'euro' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['convertTo'] });
    });

    it('uses the rate as it is at query time: a changed rate changes the figures, a removed one makes conversion refuse', async () => {
      await ok('admin', `mutation($input: SetExchangeRateInput!) { setExchangeRate(input: $input) { rate } }`, { input: { ...usdToEur, rate: '1' } });
      expect((await ok('admin', CONVERTED, { p: pipeline.newBusiness, to: 'EUR' })).pipelineSummary.amount).toEqual([eur('33233.34')]);
      await ok('admin', `mutation { removeExchangeRate(fromCurrency: "USD", toCurrency: "EUR") { rate } }`);
      expect(problemOf(await call('admin', CONVERTED, { p: pipeline.newBusiness, to: 'EUR' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['convertTo'] });
    });
  });
});
