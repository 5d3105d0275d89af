// Fan-out benchmark of live deal-stage changes: N subscribers on one gateway with the same
// cross-subgraph subscription, M stage moves; measures move-to-delivery latency, hydrations per
// event and the gateway's memory. Loopback only, bounded. Writes docs/benchmarks.md (BENCH markers).
//
//   node bench/subscription-fanout.mjs          # 200 subscribers, 50 moves
//   BENCH_SUBSCRIBERS=1000 BENCH_MOVES=100 node bench/subscription-fanout.mjs
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startEmbeddedPostgres, signToken, DEVELOPMENT_JWT_SECRET } = require(path.join(root, 'packages/kernel/dist/index.js'));
const testing = require(path.join(root, 'packages/testing/dist/index.js'));
const { Client } = require(path.join(root, 'packages/testing/node_modules/pg'));
const { createClient } = require(path.join(root, 'tests/node_modules/graphql-ws'));
const WebSocket = require(path.join(root, 'tests/node_modules/ws'));

const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 200);
const moves = Number(process.env.BENCH_MOVES ?? 50);
const SUBSCRIPTION = `subscription { dealStageChanged { cursor changedAt opportunity { id name amount { amount currency } account { name } owner { name team { name } } } fromStage { name } toStage { name } changedBy { name } } }`;

async function metric(url, name) {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? 0);
}
const percentile = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const server = await startEmbeddedPostgres({ dataDir: path.join(mkdtempSync(path.join(os.tmpdir(), 'crm-bench-')), 'pg'), port: await testing.freePort(), database: 'postgres' });
process.env.CRM_TEST_DATABASE_URL = server.url;
let platform;
const clients = [];
try {
  platform = await testing.startPlatform({ seedScale: 0.2 });
  const db = new Client({ connectionString: platform.database.url });
  await db.connect();
  const { rows } = await db.query(`SELECT id, email, team_id FROM accounts.users WHERE role = 'ADMIN' LIMIT 1`);
  await db.end();
  const token = await signToken({ userId: rows[0].id, email: rows[0].email, role: 'ADMIN', teamId: rows[0].team_id }, { secret: DEVELOPMENT_JWT_SECRET, issuer: 'crm', audience: 'crm-api' });
  const call = async (query, variables = {}) => (await (await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json()).data;

  const rssBefore = await metric(platform.gatewayUrl, 'process_resident_memory_bytes');
  const movedAt = new Map();
  const latencies = [];
  let delivered = 0;
  for (let i = 0; i < subscribers; i++) {
    const client = createClient({ url: platform.gatewayUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    client.subscribe({ query: SUBSCRIPTION }, {
      next: ({ data }) => {
        delivered++;
        const started = movedAt.get(data.dealStageChanged.opportunity.id);
        if (started) latencies.push(performance.now() - started);
      },
      error: (error) => console.error('subscription error', error),
      complete: () => undefined,
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const streams = await metric(platform.gatewayUrl, 'crm_gateway_subscription_streams');
  const hydratedBefore = await metric(platform.gatewayUrl, 'crm_gateway_events_hydrated_total');

  const { pipelines, opportunities } = await call(`{ pipelines { edges { node { id stages { id kind } } } } opportunities(first: ${moves}, filter: { stageKind: OPEN }) { edges { node { id version stage { id } pipeline { id } } } } }`);
  const stagesOf = new Map(pipelines.edges.map((e) => [e.node.id, e.node.stages.filter((s) => s.kind === 'OPEN').map((s) => s.id)]));
  for (const { node } of opportunities.edges) {
    const open = stagesOf.get(node.pipeline.id);
    const next = open[(open.indexOf(node.stage.id) + 1) % open.length];
    movedAt.set(node.id, performance.now());
    await call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { version } }`, { input: { opportunityId: node.id, stageId: next, expectedVersion: node.version } });
  }
  const expected = opportunities.edges.length * subscribers;
  const deadline = Date.now() + 30_000;
  while (delivered < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const hydrated = (await metric(platform.gatewayUrl, 'crm_gateway_events_hydrated_total')) - hydratedBefore;
  const rssAfter = await metric(platform.gatewayUrl, 'process_resident_memory_bytes');

  const block = [
    '<!-- BENCH:subscription-fanout -->',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/subscription-fanout.mjs\` on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}; demo book at scale 0.2.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| subscribers (one socket each, same subscription selecting fields of all three subgraphs) | ${subscribers} |`,
    `| shared upstream streams at the gateway | ${streams} |`,
    `| stage moves (one at a time, through the gateway) | ${opportunities.edges.length} |`,
    `| events delivered / expected | ${delivered} / ${expected} |`,
    `| hydrations (entity fetches to other subgraphs) per event | ${(hydrated / opportunities.edges.length).toFixed(2)} |`,
    `| move-to-delivery latency p50 / p99 / max | ${percentile(latencies, 50).toFixed(0)} ms / ${percentile(latencies, 99).toFixed(0)} ms / ${Math.max(...latencies).toFixed(0)} ms |`,
    `| gateway resident memory before → after subscribing and delivering | ${Math.round(rssBefore / 2 ** 20)} → ${Math.round(rssAfter / 2 ** 20)} MiB |`,
    '<!-- /BENCH:subscription-fanout -->',
  ].join('\n');
  const docPath = path.join(root, 'docs/benchmarks.md');
  let doc = readFileSync(docPath, 'utf8');
  if (!doc.includes('<!-- BENCH:subscription-fanout -->')) doc += '\n## Subscription fan-out\n\n<!-- BENCH:subscription-fanout -->\n<!-- /BENCH:subscription-fanout -->\n';
  doc = doc.replace(/<!-- BENCH:subscription-fanout -->[\s\S]*<!-- \/BENCH:subscription-fanout -->/, block);
  writeFileSync(docPath, doc);
  console.log(block);
} finally {
  await Promise.all(clients.map((c) => c.dispose()));
  await platform?.stop();
  await server.stop();
}
