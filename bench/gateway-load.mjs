// Load benchmark of the gateway: cold start, throughput and latency of a query that crosses all
// three subgraphs, SQL queries per request, and memory of each process. Loopback only, bounded in
// time. Writes its figures to docs/benchmarks.md (between the BENCH markers) and prints them.
//
//   pnpm bench                     # scale 1 demo book, 10 s, 10 connections
//   BENCH_SECONDS=30 BENCH_CONNECTIONS=20 BENCH_SCALE=3 pnpm bench
import { createRequire } from 'node:module';
import { machine, metric, startBenchPlatform, writeBenchBlock } from './bench-platform.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const scale = Number(process.env.BENCH_SCALE ?? 1);

const QUERY = `query KeyAccounts {
  accounts(first: 20, filter: { lifecycle: CUSTOMER }) {
    totalCount
    edges { node {
      name owner { name team { name } } openPipelineValue { amount currency } lastActivityAt
      contacts(first: 3) { edges { node { name lastActivityAt } } }
      opportunities(first: 3) { edges { node { name amount { amount currency } stage { name } activities(first: 2) { edges { node { subject } } } } } }
      activities(first: 3) { edges { node { type subject owner { name } } } }
    } }
  }
}`;

const bench = await startBenchPlatform({ scale });
try {
  const { platform, coldStartMs } = bench;
  const token = await bench.token('ADMIN');
  const body = JSON.stringify({ query: QUERY });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  // Warm up, and check the query answers without errors.
  const check = await (await fetch(platform.gatewayUrl, { method: 'POST', headers, body })).json();
  if (check.errors) throw new Error(JSON.stringify(check.errors));
  const subgraphs = Object.values(platform.subgraphUrls);
  const sqlBefore = (await Promise.all(subgraphs.map((u) => metric(u, 'crm_db_queries_total')))).reduce((a, b) => a + b, 0);
  const processes = { gateway: platform.gatewayUrl, ...platform.subgraphUrls };
  // Where the time goes: CPU seconds each process spends during the load (prom-client's default metric).
  const cpu = async () => Object.fromEntries(await Promise.all(Object.entries(processes).map(async ([name, url]) => [name, await metric(url, 'process_cpu_seconds_total')])));
  const cpuBefore = await cpu();

  const result = await autocannon({ url: platform.gatewayUrl, method: 'POST', headers, body, connections, duration: seconds });
  const sqlAfter = (await Promise.all(subgraphs.map((u) => metric(u, 'crm_db_queries_total')))).reduce((a, b) => a + b, 0);
  const cpuAfter = await cpu();
  const requests = result.requests.total;
  const cpuMs = Object.fromEntries(Object.keys(processes).map((name) => [name, Math.round(((cpuAfter[name] - cpuBefore[name]) * 1000) / requests)]));
  const rss = {};
  for (const [name, url] of Object.entries(processes)) {
    rss[name] = Math.round((await metric(url, 'process_resident_memory_bytes')) / 1024 / 1024);
  }
  const figures = {
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    scale,
    coldStartMs: Math.round(coldStartMs),
    seconds,
    connections,
    requests,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    sqlPerRequest: ((sqlAfter - sqlBefore) / requests).toFixed(1),
    cpuMs,
    rss,
  };
  writeBenchBlock('gateway-load', 'Gateway load', [
    `Measured ${figures.date} with \`pnpm bench\` (bench/gateway-load.mjs) on ${figures.machine}.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| cold start: fresh database, migrations, demo book at scale ${scale}, 3 subgraphs + gateway ready | ${(figures.coldStartMs / 1000).toFixed(1)} s |`,
    `| load | ${connections} connections for ${seconds} s, ${requests} requests, ${figures.errors} errors |`,
    `| throughput of the 3-subgraph KeyAccounts query (20 accounts with owners, contacts, deals, activities) | ${figures.rps} req/s |`,
    `| latency p50 / p99 | ${figures.p50} ms / ${figures.p99} ms |`,
    `| SQL queries per request (all subgraphs) | ${figures.sqlPerRequest} |`,
    `| CPU time per request (ms) | gateway ${cpuMs.gateway}, accounts ${cpuMs.accounts}, opportunities ${cpuMs.opportunities}, activities ${cpuMs.activities} |`,
    `| resident memory after the run (MiB) | gateway ${rss.gateway}, accounts ${rss.accounts}, opportunities ${rss.opportunities}, activities ${rss.activities} |`,
  ]);
} finally {
  await bench.stop();
}
