// Fan-out benchmark of live deal-stage changes: N subscribers on one gateway with the same
// cross-subgraph subscription, M stage moves; measures move-to-delivery latency, hydrations per
// event and the gateway's memory. Loopback only, bounded. Writes docs/benchmarks.md (BENCH markers).
//
//   node bench/subscription-fanout.mjs          # 200 subscribers, 50 moves
//   BENCH_SUBSCRIBERS=1000 BENCH_MOVES=100 node bench/subscription-fanout.mjs
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { metric, root, startBenchPlatform, writeBenchBlock } from './bench-platform.mjs';

const require = createRequire(import.meta.url);
const { createClient } = require(path.join(root, 'tests/node_modules/graphql-ws'));
const WebSocket = require(path.join(root, 'tests/node_modules/ws'));

const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 200);
const moves = Number(process.env.BENCH_MOVES ?? 50);
const SUBSCRIPTION = `subscription { dealStageChanged { cursor changedAt opportunity { id name amount { amount currency } account { name } owner { name team { name } } } fromStage { name } toStage { name } changedBy { name } } }`;

const percentile = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const bench = await startBenchPlatform({ scale: 0.2 });
const clients = [];
try {
  const { platform } = bench;
  const token = await bench.token('ADMIN');
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

  writeBenchBlock('subscription-fanout', 'Subscription fan-out', [
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
  ]);
} finally {
  await Promise.all(clients.map((c) => c.dispose()));
  await bench.stop();
}
