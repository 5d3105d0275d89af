import { UserRole } from '@crm/kernel';
import { startPlatform, type Platform } from '@crm/testing';
import { tokenForSeededUser } from './platform-helpers';

/**
 * Sales analytics through the gateway on the seeded demo book: pipelineSummary and forecast agree
 * with the opportunities list for an ADMIN and for a REP (who sees only their own and their team's
 * deals), the seeded lost deals carry lost reasons, and a deal lost and reopened through the gateway
 * moves the figures, with its account and owner resolved by the accounts subgraph.
 */
describe('forecast and pipeline analytics through the gateway', () => {
  let platform: Platform;
  const tokens = {} as Record<'admin' | 'rep', string>;
  /** The demo book's "today" is 2026-11-01: its open deals close around it. */
  const range = { from: '2026-01-01', to: '2027-12-31' };

  const totalCount = async (who: keyof typeof tokens, filter: Record<string, unknown>) =>
    (await platform.as(tokens[who]).ok(`query($f: OpportunityFilter) { opportunities(filter: $f) { totalCount } }`, { f: filter })).opportunities.totalCount as number;
  const summary = async (who: keyof typeof tokens, pipelineId: string) =>
    (await platform.as(tokens[who]).ok(`query($p: ID!) { pipelineSummary(pipelineId: $p) { count stages { stage { name kind } count amount { amount currency } } } }`, { p: pipelineId }))
      .pipelineSummary;
  const forecast = async (who: keyof typeof tokens, groupBy: 'MONTH' | 'QUARTER', pipelineId?: string) =>
    (await platform.as(tokens[who]).ok(`query($from: LocalDate!, $to: LocalDate!, $by: ForecastPeriod, $p: ID) {
      forecast(from: $from, to: $to, groupBy: $by, pipelineId: $p) { count amount { amount currency } weightedAmount { amount currency } periods { label count } } }`,
      { ...range, by: groupBy, p: pipelineId },
    )).forecast;

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.1 });
    tokens.admin = await tokenForSeededUser(platform.database.url, UserRole.ADMIN);
    tokens.rep = await tokenForSeededUser(platform.database.url, UserRole.REP);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  const pipelineIds = async () => (await platform.as(tokens.admin).ok('{ pipelines { edges { node { id name } } } }')).pipelines.edges.map((e: any) => e.node.id as string);

  it('sums pipelineSummary stage counts to opportunities(filter: { pipelineId }).totalCount, for ADMIN and for REP', async () => {
    for (const who of ['admin', 'rep'] as const) {
      for (const pipelineId of await pipelineIds()) {
        const { count, stages } = await summary(who, pipelineId);
        expect(stages.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(count);
        expect(count).toBe(await totalCount(who, { pipelineId }));
      }
    }
    const [newBusiness] = await pipelineIds();
    const all = await summary('admin', newBusiness!);
    const own = await summary('rep', newBusiness!);
    expect(own.count).toBeGreaterThan(0);
    expect(own.count).toBeLessThan(all.count);
  });

  it('counts in forecast exactly the open deals the list shows for the same range, by month and by quarter', async () => {
    for (const who of ['admin', 'rep'] as const) {
      const open = await totalCount(who, { stageKind: 'OPEN', expectedCloseFrom: range.from, expectedCloseTo: range.to });
      for (const groupBy of ['MONTH', 'QUARTER'] as const) {
        const result = await forecast(who, groupBy);
        expect(result.periods).toHaveLength(groupBy === 'MONTH' ? 24 : 8);
        expect(result.periods.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(result.count);
        expect(result.count).toBe(open);
      }
    }
    expect((await forecast('admin', 'QUARTER')).count).toBeGreaterThan(0);
  });

  it('shows the seeded lost reasons in salesCycleStats', async () => {
    const { salesCycleStats } = await platform.as(tokens.admin).ok(`{ salesCycleStats(from: "2021-01-01T00:00:00Z", to: "2026-11-02T00:00:00Z") {
      won lost winRate medianDaysToClose lostReasons { lostReason { name active } count } stages { stage { name } entered conversionRate } } }`);
    expect(salesCycleStats.won).toBeGreaterThan(0);
    expect(salesCycleStats.lost).toBeGreaterThan(0);
    expect(salesCycleStats.winRate).toBeGreaterThan(0);
    expect(salesCycleStats.lostReasons.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(salesCycleStats.lost);
    for (const { lostReason } of salesCycleStats.lostReasons) expect(lostReason).toMatchObject({ active: true, name: expect.any(String) });
  });

  it('answers the README\'s analytics example within the gateway\'s operation limits', async () => {
    const [newBusiness] = await pipelineIds();
    const data = await platform.as(tokens.admin).ok(`query Analytics($pipelineId: ID!) {
      pipelineSummary(pipelineId: $pipelineId) { count stages { stage { name } count amount { amount currency } weightedAmount { amount currency } } }
      forecast(from: "2026-11-01", to: "2027-10-31", groupBy: QUARTER) { periods { label count amount { amount currency } weightedAmount { amount currency } } }
      salesCycleStats(from: "2026-01-01T00:00:00Z", to: "2026-11-01T00:00:00Z", pipelineId: $pipelineId) {
        won lost winRate averageDaysToClose medianDaysToClose
        stages { stage { name } averageDaysInStage conversionRate }
        lostReasons { lostReason { name } count }
      }
    }`, { pipelineId: newBusiness });
    expect(data.forecast.periods.map((p: { label: string }) => p.label)).toEqual(['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    expect(data.salesCycleStats.won + data.salesCycleStats.lost).toBeGreaterThan(0);
    expect(data.pipelineSummary.stages).toHaveLength(6);
  });

  it('converts pipelineSummary into one currency with the seeded rates, deal by deal as the list computes it, naming who set each rate', async () => {
    const [newBusiness] = await pipelineIds();
    const { exchangeRates } = await platform.as(tokens.rep).ok(`{ exchangeRates(toCurrency: "EUR") { fromCurrency rate updatedBy { email role } } }`);
    expect(exchangeRates.map((r: { fromCurrency: string }) => r.fromCurrency)).toEqual(['GBP', 'USD']);
    for (const rate of exchangeRates) expect(rate.updatedBy).toEqual({ email: 'admin@crm.example', role: 'ADMIN' });
    const rateOf = new Map<string, string>(exchangeRates.map((r: { fromCurrency: string; rate: string }) => [r.fromCurrency, r.rate]));
    rateOf.set('EUR', '1');
    /** Cents of `amount` × `rate`, rounded half away from zero, in exact integer arithmetic. */
    const convertedCents = (amount: string, rate: string) => {
      const [units, fraction = ''] = rate.split('.');
      const scale = 10n ** BigInt(fraction.length);
      const product = BigInt(amount.replace('.', '')) * BigInt(units + fraction);
      return (product * 2n + scale) / (2n * scale);
    };

    for (const who of ['admin', 'rep'] as const) {
      const expected = new Map<string, bigint>();
      let after: string | null = null;
      do {
        const page: any = (await platform.as(tokens[who]).ok(`query($f: OpportunityFilter, $after: String) {
          opportunities(first: 100, after: $after, filter: $f) { edges { node { stage { name } amount { amount currency } } } pageInfo { hasNextPage endCursor } } }`,
          { f: { pipelineId: newBusiness }, after })).opportunities;
        for (const { node } of page.edges) {
          expected.set(node.stage.name, (expected.get(node.stage.name) ?? 0n) + convertedCents(node.amount.amount, rateOf.get(node.amount.currency)!));
        }
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);

      const { pipelineSummary } = await platform.as(tokens[who]).ok(`query($p: ID!) { pipelineSummary(pipelineId: $p, convertTo: "EUR") {
        convertedTo amount { amount currency } stages { stage { name } amount { amount currency } } exchangeRates { fromCurrency } } }`, { p: newBusiness });
      const euros = (cents: bigint) => [{ amount: `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`, currency: 'EUR' }];
      expect(pipelineSummary.convertedTo).toBe('EUR');
      expect(pipelineSummary.stages).toEqual(pipelineSummary.stages.map((s: any) => ({ stage: s.stage, amount: expected.has(s.stage.name) ? euros(expected.get(s.stage.name)!) : [] })));
      expect(pipelineSummary.amount).toEqual(euros([...expected.values()].reduce((a, b) => a + b, 0n)));
      expect(pipelineSummary.exchangeRates.length).toBeGreaterThan(0);
    }
  });

  it('moves the figures when a deal is lost with a reason and reopened through the gateway', async () => {
    const [newBusiness] = await pipelineIds();
    const { opportunities } = await platform.as(tokens.admin).ok(`query($f: OpportunityFilter) { opportunities(first: 1, filter: $f) { edges { node { id stage { id } } } } }`, {
      f: { pipelineId: newBusiness, stageKind: 'OPEN', expectedCloseFrom: range.from, expectedCloseTo: range.to },
    });
    const deal = opportunities.edges[0].node;
    const stages = (await summary('admin', newBusiness!)).stages;
    const { pipeline } = await platform.as(tokens.admin).ok(`query($p: ID!) { pipeline(id: $p) { stages { id kind } } }`, { p: newBusiness });
    const lostStage = pipeline.stages.find((s: { kind: string }) => s.kind === 'LOST').id;
    const lostCount = () => summary('admin', newBusiness!).then((s) => s.stages.find((x: any) => x.stage.kind === 'LOST').count as number);
    const lostBefore = stages.find((s: any) => s.stage.kind === 'LOST').count;
    const forecastBefore = (await forecast('admin', 'QUARTER', newBusiness)).count;
    const { lostReasons } = await platform.as(tokens.admin).ok('{ lostReasons { id name } }');
    const MOVE = `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) {
      lostReason { name } lostReasonNote account { name } owner { name }
      stageHistory { reopened lostReason { name } } timeInStages { stage { kind } leftAt days } } }`;

    const refused = await platform.as(tokens.admin).call(MOVE, { input: { opportunityId: deal.id, stageId: lostStage } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.lostReasonId' }] });
    expect(await lostCount()).toBe(lostBefore);

    const lost = (await platform.as(tokens.admin).ok(MOVE, { input: { opportunityId: deal.id, stageId: lostStage, lostReasonId: lostReasons[0].id, lostReasonNote: 'Chose a cheaper tool' } }))
      .moveOpportunityStage;
    expect(lost).toMatchObject({ lostReason: { name: lostReasons[0].name }, lostReasonNote: 'Chose a cheaper tool', account: { name: expect.any(String) }, owner: { name: expect.any(String) } });
    expect(lost.stageHistory[lost.stageHistory.length - 1]).toEqual({ reopened: false, lostReason: { name: lostReasons[0].name } });
    expect(await lostCount()).toBe(lostBefore + 1);
    expect((await forecast('admin', 'QUARTER', newBusiness)).count).toBe(forecastBefore - 1);

    const reopened = (await platform.as(tokens.admin).ok(MOVE, { input: { opportunityId: deal.id, stageId: deal.stage.id } })).moveOpportunityStage;
    expect(reopened.lostReason).toBeNull();
    expect(reopened.stageHistory.slice(-2)).toEqual([
      { reopened: false, lostReason: { name: lostReasons[0].name } },
      { reopened: true, lostReason: null },
    ]);
    const stays = reopened.timeInStages;
    expect(stays[stays.length - 2]).toMatchObject({ stage: { kind: 'LOST' }, leftAt: expect.any(String) });
    expect(stays[stays.length - 1]).toMatchObject({ stage: { kind: 'OPEN' }, leftAt: null });
    expect(await lostCount()).toBe(lostBefore);
    expect((await forecast('admin', 'QUARTER', newBusiness)).count).toBe(forecastBefore);
  });
});
