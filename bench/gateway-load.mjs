// Load benchmark of the gateway: cold start, throughput and latency of a query that crosses all
// three subgraphs, SQL queries per request, and memory of each process. Loopback only, bounded in
// time. Writes its figures to docs/benchmarks.md (between the BENCH markers) and prints them.
//
//   pnpm bench                     # scale 1 demo book, 10 s, 10 connections
//   BENCH_SECONDS=30 BENCH_CONNECTIONS=20 BENCH_SCALE=3 pnpm bench
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const autocannon = require('autocannon');
const { startEmbeddedPostgres, signToken, DEVELOPMENT_JWT_SECRET } = require(path.join(root, 'packages/kernel/dist/index.js'));
const testing = require(path.join(root, 'packages/testing/dist/index.js'));
const { Client } = require(path.join(root, 'packages/testing/node_modules/pg'));

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

async function metric(url, name) {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? 0);
}

const pgDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'crm-bench-')), 'pg');
const server = await startEmbeddedPostgres({ dataDir: pgDir, port: await testing.freePort(), database: 'postgres' });
process.env.CRM_TEST_DATABASE_URL = server.url;
let platform;
try {
  const started = performance.now();
  platform = await testing.startPlatform({ seedScale: scale });
  const coldStartMs = performance.now() - started;

  const db = new Client({ connectionString: platform.database.url });
  await db.connect();
  const { rows } = await db.query(`SELECT id, email, team_id FROM accounts.users WHERE role = 'ADMIN' LIMIT 1`);
  await db.end();
  const token = await signToken({ userId: rows[0].id, email: rows[0].email, role: 'ADMIN', teamId: rows[0].team_id }, { secret: DEVELOPMENT_JWT_SECRET, issuer: 'crm', audience: 'crm-api' });
  const body = JSON.stringify({ query: QUERY });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  // Warm up, and check the query answers without errors.
  const check = await (await fetch(platform.gatewayUrl, { method: 'POST', headers, body })).json();
  if (check.errors) throw new Error(JSON.stringify(check.errors));
  const subgraphs = Object.values(platform.subgraphUrls);
  const sqlBefore = (await Promise.all(subgraphs.map((u) => metric(u, 'crm_db_queries_total')))).reduce((a, b) => a + b, 0);

  const result = await autocannon({ url: platform.gatewayUrl, method: 'POST', headers, body, connections, duration: seconds });
  const sqlAfter = (await Promise.all(subgraphs.map((u) => metric(u, 'crm_db_queries_total')))).reduce((a, b) => a + b, 0);
  const requests = result.requests.total;
  const rss = {};
  for (const [name, url] of Object.entries({ gateway: platform.gatewayUrl, ...platform.subgraphUrls })) {
    rss[name] = Math.round((await metric(url, 'process_resident_memory_bytes')) / 1024 / 1024);
  }
  const figures = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
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
    rss,
  };
  const block = [
    '<!-- BENCH:gateway-load -->',
    `Measured ${figures.date} with \`pnpm bench\` (bench/gateway-load.mjs) on ${figures.machine}.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| cold start: fresh database, migrations, demo book at scale ${scale}, 3 subgraphs + gateway ready | ${(figures.coldStartMs / 1000).toFixed(1)} s |`,
    `| load | ${connections} connections for ${seconds} s, ${requests} requests, ${figures.errors} errors |`,
    `| throughput of the 3-subgraph KeyAccounts query (20 accounts with owners, contacts, deals, activities) | ${figures.rps} req/s |`,
    `| latency p50 / p99 | ${figures.p50} ms / ${figures.p99} ms |`,
    `| SQL queries per request (all subgraphs) | ${figures.sqlPerRequest} |`,
    `| resident memory after the run (MiB) | gateway ${rss.gateway}, accounts ${rss.accounts}, opportunities ${rss.opportunities}, activities ${rss.activities} |`,
    '<!-- /BENCH:gateway-load -->',
  ].join('\n');
  const docPath = path.join(root, 'docs/benchmarks.md');
  let doc;
  try {
    doc = readFileSync(docPath, 'utf8');
  } catch {
    doc = '# Benchmarks\n\nFigures written by the scripts in `bench/`; rerun them to refresh. Only loopback traffic; every run is bounded in time.\n\n## Gateway load\n\n<!-- BENCH:gateway-load -->\n<!-- /BENCH:gateway-load -->\n';
  }
  doc = doc.replace(/<!-- BENCH:gateway-load -->[\s\S]*<!-- \/BENCH:gateway-load -->/, block);
  writeFileSync(docPath, doc);
  console.log(block);
} finally {
  await platform?.stop();
  await server.stop();
}
