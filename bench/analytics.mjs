// Timing of the analytics queries through the gateway on the demo book: pipelineSummary, forecast
// by month and by quarter (both also converted into one currency), salesCycleStats over the whole history, timeInStages for a page of 20
// deals, and crmAdoption over 90 days (all three subgraphs), each as ADMIN (every deal) and as a REP
// (own and team deals only; crmAdoption: their own row, scored against their team). Sequential requests
// after a warm-up, so the figures are latencies, not throughput. Loopback only, bounded.
// Writes docs/benchmarks.md (BENCH:analytics markers) and prints the block.
//
//   node bench/analytics.mjs                  # demo book at scale 1, 20 runs per query
//   node bench/analytics.mjs --scale 10 --runs 50
import { parseArgs } from 'node:util';
import { machine, metric, settle, startBenchPlatform, writeBenchBlock } from './bench-platform.mjs';

const { values } = parseArgs({ options: { scale: { type: 'string', default: process.env.BENCH_SCALE ?? '1' }, runs: { type: 'string', default: '20' } } });
const scale = Number(values.scale);
const runs = Number(values.runs);
if (!(scale > 0) || !(runs > 0)) throw new Error(`--scale and --runs must be positive numbers, got ${values.scale} and ${values.runs}`);

/** The demo book's "today" is 2026-11-01; its deals were created over the five years before. */
const QUERIES = {
  'pipelineSummary (default pipeline)': {
    query: `query($p: ID!) { pipelineSummary(pipelineId: $p) { count amount { amount currency } weightedAmount { amount currency }
      stages { stage { name } count amount { amount currency } weightedAmount { amount currency } } } }`,
    variables: (ids) => ({ p: ids.pipelineId }),
  },
  'forecast, 24 months (MONTH)': {
    query: `query { forecast(from: "2026-01-01", to: "2027-12-31", groupBy: MONTH) { count amount { amount currency } weightedAmount { amount currency } periods { label count amount { amount currency } weightedAmount { amount currency } } } }`,
  },
  'forecast, 8 quarters (QUARTER)': {
    query: `query { forecast(from: "2026-01-01", to: "2027-12-31", groupBy: QUARTER) { count amount { amount currency } weightedAmount { amount currency } periods { label count amount { amount currency } weightedAmount { amount currency } } } }`,
  },
  'pipelineSummary converted to EUR': {
    query: `query($p: ID!) { pipelineSummary(pipelineId: $p, convertTo: "EUR") { count amount { amount currency } weightedAmount { amount currency }
      stages { stage { name } count amount { amount currency } weightedAmount { amount currency } } exchangeRates { fromCurrency rate } } }`,
    variables: (ids) => ({ p: ids.pipelineId }),
  },
  'forecast, 24 months (MONTH) converted to EUR': {
    query: `query { forecast(from: "2026-01-01", to: "2027-12-31", groupBy: MONTH, convertTo: "EUR") { count amount { amount currency } weightedAmount { amount currency } periods { label count amount { amount currency } weightedAmount { amount currency } } exchangeRates { fromCurrency rate } } }`,
  },
  'salesCycleStats, all pipelines, 6 years': {
    query: `query { salesCycleStats(from: "2021-01-01T00:00:00Z", to: "2026-11-02T00:00:00Z") { won lost winRate averageDaysToClose medianDaysToClose
      stages { stage { name } entered advanced conversionRate averageDaysInStage } lostReasons { lostReason { name } count } } }`,
  },
  'timeInStages of 20 deals': {
    query: `query { opportunities(first: 20, orderBy: { field: UPDATED_AT, direction: DESC }) { edges { node { name timeInStages { stage { name } enteredAt leftAt days } } } } }`,
  },
  'crmAdoption, 90 days, every sales person': {
    query: `query { crmAdoption(from: "2026-08-03T00:00:00Z", to: "2026-11-01T00:00:00Z") { threshold rows { user { name } team { name }
      activitiesLogged recordsCreated recordsUpdated stageMoves lastActivityAt usageScore teamMedianUsage needsTraining } } }`,
    subgraphs: ['accounts', 'opportunities', 'activities'],
  },
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const bench = await startBenchPlatform({ scale });
try {
  const { platform } = bench;
  const tokens = { ADMIN: await bench.token('ADMIN'), REP: await bench.token('REP') };
  const [{ deals, changes }] = await bench.query(
    `SELECT (SELECT count(*) FROM opportunities.opportunities)::int AS deals, (SELECT count(*) FROM opportunities.stage_changes)::int AS changes`,
  );
  const [{ id: pipelineId }] = await bench.query(`SELECT id FROM opportunities.pipelines WHERE is_default`);
  // The seeds write each record's audit history (who created and last changed it, each deal move), which crmAdoption counts.
  const [{ n: auditEntries }] = await bench.query(
    `SELECT (SELECT count(*) FROM accounts.audit_log) + (SELECT count(*) FROM opportunities.audit_log) + (SELECT count(*) FROM activities.audit_log) AS n`,
  );
  await settle(platform);
  const call = async (role, query, variables) => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  const rows = [];
  for (const [name, { query, variables, subgraphs = ['opportunities'] }] of Object.entries(QUERIES)) {
    const sqlSoFar = async () => (await Promise.all(subgraphs.map((subgraph) => metric(platform.subgraphUrls[subgraph], 'crm_db_queries_total')))).reduce((a, b) => a + b, 0);
    const cells = [name];
    let sqlPerRequest = 0;
    for (const role of ['ADMIN', 'REP']) {
      const vars = variables?.({ pipelineId }) ?? {};
      for (let i = 0; i < 3; i++) await call(role, query, vars); // warm-up: connections, plans, JIT
      const sqlBefore = await sqlSoFar();
      const times = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await call(role, query, vars);
        times.push(performance.now() - started);
      }
      if (role === 'ADMIN') sqlPerRequest = ((await sqlSoFar()) - sqlBefore) / runs;
      times.sort((a, b) => a - b);
      cells.push(`${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`);
    }
    cells.push(subgraphs.length > 1 ? `${sqlPerRequest.toFixed(0)} (${subgraphs.join(' + ')})` : sqlPerRequest.toFixed(0));
    rows.push(`| ${cells.join(' | ')} |`);
  }

  writeBenchBlock('analytics', 'Analytics queries', [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/analytics.mjs --scale ${scale} --runs ${runs}\` on ${machine()}; ` +
      `demo book at scale ${scale}: ${deals} deals, ${changes} stage changes, ${auditEntries} audit entries (written by the seeds). Each query ${runs} times in a row through the gateway after 3 warm-up calls; ` +
      'the REP sees only their own and their team\'s deals.',
    '',
    '| query | ADMIN p50 / p95 | REP p50 / p95 | SQL queries per request (opportunities subgraph, unless named) |',
    '| --- | --- | --- | --- |',
    ...rows,
  ]);
} finally {
  await bench.stop();
}
