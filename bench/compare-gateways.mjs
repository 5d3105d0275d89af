// Our gateway side by side with Hive Gateway 2.15 (the peer a team would pick instead), on the same
// subgraphs, supergraph and demo book. Hive runs twice: as configured by default, and with its
// sharing of identical in-flight subgraph requests turned off. Both sign their subgraph requests
// and forward the caller's token (bench/peer/). After checking that every gateway answers every
// operation of the benchmark with the same bytes, it runs in alternating rounds:
//   - identical load (every connection sends the same operation as ADMIN) on one-, two- and
//     three-subgraph operations, the one-subgraph one also straight at its subgraph (the ceiling);
//   - varied load: seeded users of every role and team, different operations and variables, so
//     that no two requests in flight are alike.
// Reports req/s, p50/p99 latency, CPU milliseconds per request of each process (from /proc), the
// gateway's peak resident memory, the ratios the performance goals name, and the latency of one
// KeyAccounts request on the idle platform. Writes docs/benchmarks.md (BENCH:compare-gateways).
//
//   node bench/compare-gateways.mjs                      # scale 1, 3 rounds of 10 s, 20 connections
//   BENCH_SECONDS=3 BENCH_ROUNDS=1 node bench/compare-gateways.mjs
// Knobs: BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (20), BENCH_SCALE (1),
// BENCH_WARMUP seconds of load per gateway and operation before the first round (2).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { machine, root, settle, startBenchPlatform, writeBenchBlock } from './bench-platform.mjs';
import { installHiveGateway, startHiveGateway, supergraphFor } from './hive-gateway.mjs';
import { cpuMs, watchPeakRss } from './proc-stats.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { gatewaySignatureHeaders, signGatewayRequest } = require(path.join(root, 'packages/kernel/dist/index.js'));
const { TEST_GATEWAY_SIGNING_SECRET } = require(path.join(root, 'packages/testing/dist/index.js'));

const knob = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got ${process.env[name]}`);
  return value;
};
const seconds = knob('BENCH_SECONDS', 10);
const rounds = knob('BENCH_ROUNDS', 3);
const connections = knob('BENCH_CONNECTIONS', 20);
const scale = knob('BENCH_SCALE', 1);
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const IDLE_RUNS = 50;
/** Seeded users in the varied load: at scale 1, every active user (the book's four roles, four teams). */
const VARIED_USERS = 24;
const HIVE_VERSION = JSON.parse(readFileSync(path.join(root, 'bench/peer/package.json'), 'utf8')).dependencies['@graphql-hive/gateway'];

// --- Operations -------------------------------------------------------------------------------

/**
 * The README's KeyAccounts page with its root arguments as variables, so the identical load can ask
 * for 20 accounts and the varied load for other pages of it.
 */
function keyAccountsQuery() {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = /```graphql\n(query KeyAccounts \{[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md no longer holds the KeyAccounts query this benchmark measures');
  const query = block
    .replace('query KeyAccounts {', 'query KeyAccounts($first: Int!, $filter: AccountFilter) {')
    .replace(/accounts\(first: \d+, filter: \{[^}]*\}/, 'accounts(first: $first, filter: $filter');
  if (!query.includes('accounts(first: $first, filter: $filter')) throw new Error(`README.md's KeyAccounts query no longer starts with accounts(first: …, filter: {…}): ${block}`);
  return query;
}
const KEY_ACCOUNTS = keyAccountsQuery();
const DEALS = `query Deals($first: Int!, $filter: OpportunityFilter) {
  opportunities(first: $first, filter: $filter) { edges { node { name amount { amount currency } stage { name } } } }
}`;
const DEALS_WITH_PEOPLE = `query DealsWithPeople($first: Int!, $filter: OpportunityFilter, $orderBy: OpportunityOrder) {
  opportunities(first: $first, filter: $filter, orderBy: $orderBy) {
    edges { node { name amount { amount currency } stage { name } account { name tier } owner { name } } }
  }
}`;
const MY_ACCOUNTS = `query MyAccounts($owner: ID!, $first: Int!) {
  accounts(first: $first, filter: { ownerId: $owner }) {
    edges { node { name tier lifecycle owner { name }
      opportunities(first: 5) { edges { node { name amount { amount currency } stage { name } } } }
      activities(first: 3) { edges { node { type subject occurredAt } } } } }
  }
}`;
const RECENT_ACTIVITIES = `query RecentActivities($first: Int!, $type: ActivityType) {
  activities(first: $first, filter: { type: $type }) { edges { node { type subject occurredAt owner { name } account { name } } } }
}`;

/** The identical load: one request body each, sent as ADMIN by every connection. */
const IDENTICAL = [
  { key: 'deals', label: '`opportunities(first: 20)` with amount and stage (one subgraph)', query: DEALS, variables: { first: 20 }, subgraph: 'opportunities' },
  { key: 'dealsWithPeople', label: 'the same with `account { name tier }` and `owner { name }` (two subgraphs)', query: DEALS_WITH_PEOPLE, variables: { first: 20 } },
  // The README's page filters STRATEGIC customers too, which are fewer than 20 at scale 1.
  { key: 'keyAccounts', label: "the README's KeyAccounts page, 20 customers (three subgraphs)", query: KEY_ACCOUNTS, variables: { first: 20, filter: { lifecycle: 'CUSTOMER' } } },
];

/**
 * The varied load: every seeded user (of every role and team) with each operation, the variables
 * differing with the user. Consecutive entries differ in user and operation, and connections take
 * entries in turn, so no two requests in flight are alike.
 */
function variedRequests(users) {
  const tiers = [undefined, 'STRATEGIC', 'KEY', 'STANDARD'];
  const types = [undefined, 'CALL', 'MEETING', 'EMAIL', 'NOTE', 'TASK'];
  const reps = users.filter((user) => user.role === 'REP');
  const operations = [
    (user, i) => ({ query: DEALS, variables: { first: 10 + (i % 11), filter: { stageKind: ['OPEN', 'WON', 'LOST'][i % 3] } } }),
    (user, i) => ({ query: DEALS_WITH_PEOPLE, variables: { first: 10 + (i % 11), filter: i % 2 ? { teamId: user.teamId } : {}, orderBy: { field: ['AMOUNT', 'UPDATED_AT', 'NAME'][i % 3], direction: i % 2 ? 'DESC' : 'ASC' } } }),
    (user, i) => ({ query: KEY_ACCOUNTS, variables: { first: 5 + (i % 16), filter: { lifecycle: 'CUSTOMER', ...(tiers[i % 4] ? { tier: tiers[i % 4] } : {}) } } }),
    // Only REPs own accounts: the others look at a REP's.
    (user, i) => ({ query: MY_ACCOUNTS, variables: { owner: user.role === 'REP' ? user.id : reps[i % reps.length].id, first: 5 + (i % 11) } }),
    (user, i) => ({ query: RECENT_ACTIVITIES, variables: { first: 10 + (i % 21), ...(types[i % 6] ? { type: types[i % 6] } : {}) } }),
  ];
  const count = users.length * operations.length;
  if (users.length % operations.length === 0) throw new Error(`${users.length} users and ${operations.length} operations would not pair every user with every operation`);
  return Array.from({ length: count }, (_, i) => {
    const user = users[i % users.length];
    const { query, variables } = operations[i % operations.length](user, i);
    return { who: `${user.role} ${user.email}`, headers: headersFor(user.token), body: JSON.stringify({ query, variables }) };
  });
}

const headersFor = (token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

// --- Checks -----------------------------------------------------------------------------------

async function post(url, { headers, body }) {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

/**
 * Asks every gateway for `request` and fails unless all answer 200 with the same bytes, without
 * errors and with some data. Our gateway (Apollo Server) ends the body with a newline Hive does not
 * send; that one byte is not compared. Returns the answer's data.
 */
async function checkSameAnswer(gateways, request, what) {
  const answers = await Promise.all(Object.entries(gateways).map(async ([name, gateway]) => ({ name, ...(await post(gateway.url, request)) })));
  const [first, ...others] = answers;
  const bytes = (answer) => answer.text.replace(/\n$/, '');
  for (const answer of answers) {
    if (answer.status !== 200) throw new Error(`${what}: ${answer.name} answered HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  for (const other of others) {
    if (bytes(other) === bytes(first)) continue;
    const [a, b] = [bytes(first), bytes(other)];
    let at = 0;
    while (a[at] === b[at]) at++;
    throw new Error(
      `${what}: ${first.name} and ${other.name} answer differently, first at character ${at}:\n` +
        `  ${first.name}: …${a.slice(Math.max(0, at - 120), at + 120)}…\n  ${other.name}: …${b.slice(Math.max(0, at - 120), at + 120)}…`,
    );
  }
  const answer = JSON.parse(first.text);
  if (answer.errors) throw new Error(`${what}: answered with errors: ${JSON.stringify(answer.errors).slice(0, 500)}`);
  if (!answer.data || !JSON.stringify(answer.data).includes('"name"')) throw new Error(`${what}: answered no rows: ${first.text.slice(0, 300)}`);
  return answer.data;
}

/** A request straight to a subgraph, signed as the gateway; the signature is renewed every 20 s. */
function signedSubgraphRequest(url, request) {
  const { pathname, search } = new URL(url);
  let headers;
  let signedAt = 0;
  return () => {
    if (Date.now() - signedAt > 20_000) {
      signedAt = Date.now();
      headers = { ...request.headers, ...gatewaySignatureHeaders(signGatewayRequest(TEST_GATEWAY_SIGNING_SECRET, { method: 'POST', path: pathname + search, body: request.body }, signedAt)) };
    }
    return { headers, body: request.body };
  };
}

// --- Measurement ------------------------------------------------------------------------------

/**
 * CPU milliseconds per second each of `pids` uses with no load at all (event consumers polling,
 * timers), measured over `ms`; `load` takes it off, so a run counts only what its requests cost.
 */
async function idleCpuRates(pids, ms = 5_000) {
  const before = cpuOf(pids);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuOf(pids);
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [pid, ((after[name] - before[name]) * 1000) / ms]));
}
/** `idleCpuRates` of every process measured, by pid. */
let idleRates = {};

/**
 * `duration` seconds of load on `url` from `connections` connections, each request from `next()`
 * (or the fixed `request`). Returns throughput, latency, errors, the peak resident memory of
 * `pids.gateway`, and, over the steady middle of the run (from a fifth of it to just before its
 * end), the responses received and the CPU milliseconds each of `pids` used beyond its idle rate:
 * over the whole run, the work of requests still in flight when the load stops would count
 * without their responses.
 */
async function load({ url, request, next, pids, duration }) {
  await quiet(pids);
  const rss = pids.gateway ? watchPeakRss({ gateway: pids.gateway }) : undefined;
  let responses = 0;
  const marks = [];
  const mark = () => marks.push({ at: performance.now(), responses, cpu: cpuOf(pids) });
  const timers = [setTimeout(mark, duration * 200), setTimeout(mark, duration * 950)];
  const instance = autocannon({
    url,
    connections,
    duration,
    ...(next
      ? { requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, method: 'POST', ...next() }) }] }
      : { method: 'POST', headers: request.headers, body: request.body }),
  });
  instance.on('response', () => responses++);
  const result = await instance;
  timers.forEach(clearTimeout);
  if (marks.length !== 2) throw new Error(`the run of ${url} ended before its CPU window closed`);
  const [from, to] = marks;
  const windowSeconds = (to.at - from.at) / 1000;
  const answered = to.responses - from.responses;
  const used = (name) => Math.max(0, to.cpu[name] - from.cpu[name] - (idleRates[pids[name]] ?? 0) * windowSeconds);
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    window: { answered, cpu: Object.fromEntries(Object.keys(pids).map((name) => [name, used(name)])) },
    peakRss: rss?.stop().gateway,
  };
}

/**
 * Waits (at most 20 s) until `pids` use no more CPU than idle for half a second: the last run's
 * processes may still be working on requests it left in flight.
 */
async function quiet(pids) {
  const deadline = Date.now() + 20_000;
  for (let before = cpuOf(pids); Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuOf(pids);
    const busy = Object.keys(pids).some((name) => now[name] - before[name] > (idleRates[pids[name]] ?? 0) * 0.5 + 20);
    if (!busy) return;
    before = now;
  }
}

function cpuOf(pids) {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid, { withChildren: name === 'postgres' })]));
}

/** Median of `IDLE_RUNS` sequential requests, in ms. */
async function idleLatency(url, request) {
  const times = [];
  for (let i = 0; i < IDLE_RUNS; i++) {
    const started = performance.now();
    const { status } = await post(url, request);
    times.push(performance.now() - started);
    if (status !== 200) throw new Error(`idle request to ${url} answered HTTP ${status}`);
  }
  return median(times);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// --- Run --------------------------------------------------------------------------------------

installHiveGateway();
const bench = await startBenchPlatform({ scale });
const hives = [];
let stopping;
const stopAll = () =>
  (stopping ??= (async () => {
    await Promise.allSettled(hives.map((hive) => hive.stop()));
    await bench.stop();
  })());
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`${signal}: stopping every process this benchmark started…`);
    stopAll().finally(() => process.exit(130));
  });
}

try {
  const { platform } = bench;
  console.log('waiting for the event consumers to finish replaying the demo book…');
  await settle(platform);
  const supergraph = supergraphFor(platform.subgraphUrls);
  hives.push(await startHiveGateway({ supergraph, signingSecret: TEST_GATEWAY_SIGNING_SECRET }));
  hives.push(await startHiveGateway({ supergraph, signingSecret: TEST_GATEWAY_SIGNING_SECRET, deduplicate: false }));
  const pids = bench.pids();
  const gateways = {
    ours: { label: 'ours', url: platform.gatewayUrl, pid: pids.gateway },
    hive: { label: 'Hive Gateway default', url: hives[0].url, pid: hives[0].pid },
    'hive-nodedup': { label: 'Hive, in-flight dedup off', url: hives[1].url, pid: hives[1].pid },
  };
  const subgraphPids = { accounts: pids.accounts, opportunities: pids.opportunities, activities: pids.activities, postgres: pids.postgres };

  // What each process uses with no requests at all (the idle platform's own work).
  const everyProcess = { ...Object.fromEntries(Object.entries(gateways).map(([name, gateway]) => [name, gateway.pid])), ...subgraphPids };
  idleRates = await idleCpuRates(everyProcess);
  console.log(`idle CPU ms per second: ${Object.entries(everyProcess).map(([name, pid]) => `${name} ${idleRates[pid].toFixed(1)}`).join(', ')}`);

  const admin = await bench.token('ADMIN');
  const users = await bench.users(VARIED_USERS);
  const varied = variedRequests(users);
  const scenarios = [
    ...IDENTICAL.map((op) => ({ ...op, request: { headers: headersFor(admin), body: JSON.stringify({ query: op.query, variables: op.variables }) } })),
    { key: 'varied', label: `varied: ${users.length} users (roles ${[...new Set(users.map((u) => u.role))].join(', ')}; members of ${new Set(users.map((u) => u.teamId).filter(Boolean)).size} teams and people in none) × 5 operations, ${varied.length} different requests in turn`, varied },
  ];

  console.log(`checking that ours and Hive answer all ${IDENTICAL.length + varied.length} requests of the benchmark with the same bytes…`);
  for (const scenario of scenarios) {
    if (scenario.varied) {
      for (const [i, request] of scenario.varied.entries()) await checkSameAnswer(gateways, request, `varied request ${i} (${request.who}: ${request.body.slice(0, 80)}…)`);
      continue;
    }
    const data = await checkSameAnswer(gateways, scenario.request, scenario.key);
    if (scenario.key === 'keyAccounts' && data.accounts.edges.length !== 20) throw new Error(`the KeyAccounts page holds ${data.accounts.edges.length} accounts, not 20`);
    if (scenario.subgraph) {
      const direct = JSON.parse((await post(platform.subgraphUrls[scenario.subgraph], signedSubgraphRequest(platform.subgraphUrls[scenario.subgraph], scenario.request)())).text);
      if (JSON.stringify(direct.data) !== JSON.stringify(data)) throw new Error(`${scenario.key}: the ${scenario.subgraph} subgraph answers other data than the gateways`);
    }
  }

  const keyAccounts = scenarios.find((s) => s.key === 'keyAccounts').request;
  const idle = {};
  for (const [name, gateway] of Object.entries(gateways)) idle[name] = await idleLatency(gateway.url, keyAccounts);
  console.log(`idle KeyAccounts, median of ${IDLE_RUNS}: ${Object.entries(idle).map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`).join(', ')}`);

  /** What one measured run of `scenario` against `target` loads: its url, requests and processes. */
  const runFor = (scenario, target) => {
    const next = scenario.varied ? ((i) => () => scenario.varied[i++ % scenario.varied.length])(0) : undefined;
    if (target === 'subgraph') {
      const url = platform.subgraphUrls[scenario.subgraph];
      return { url, next: signedSubgraphRequest(url, scenario.request), pids: subgraphPids };
    }
    return { url: gateways[target].url, request: scenario.request, next, pids: { gateway: gateways[target].pid, ...subgraphPids } };
  };
  const targetsOf = (scenario) => [...Object.keys(gateways), ...(scenario.subgraph ? ['subgraph'] : [])];

  if (warmup > 0) {
    console.log(`warming up: ${warmup} s of load per gateway and operation…`);
    for (const scenario of scenarios) for (const target of targetsOf(scenario)) await load({ ...runFor(scenario, target), duration: warmup });
  }
  const runs = {};
  for (let round = 0; round < rounds; round++) {
    for (const scenario of scenarios) {
      const targets = targetsOf(scenario);
      // Each round starts with another target, so none always runs first or last.
      for (const target of [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)]) {
        const result = await load({ ...runFor(scenario, target), duration: seconds });
        ((runs[scenario.key] ??= {})[target] ??= []).push(result);
        console.log(`round ${round + 1}/${rounds} ${scenario.key} ${target}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`);
      }
    }
  }

  // --- Figures --------------------------------------------------------------------------------
  const summary = (list) => {
    const answered = list.reduce((sum, r) => sum + r.window.answered, 0);
    const perRequest = (name) => (list[0].window.cpu[name] === undefined ? undefined : list.reduce((sum, r) => sum + r.window.cpu[name], 0) / answered);
    const cpu = Object.fromEntries(['gateway', 'accounts', 'opportunities', 'activities', 'postgres'].map((name) => [name, perRequest(name)]));
    return {
      rps: median(list.map((r) => r.rps)),
      rpsRange: [Math.min(...list.map((r) => r.rps)), Math.max(...list.map((r) => r.rps))],
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
      cpu,
      cpuSum: ['gateway', 'accounts', 'opportunities', 'activities'].reduce((sum, name) => sum + (cpu[name] ?? 0), 0),
      peakRss: list[0].peakRss === undefined ? undefined : Math.max(...list.map((r) => r.peakRss)),
    };
  };
  const figures = Object.fromEntries(Object.entries(runs).map(([key, byTarget]) => [key, Object.fromEntries(Object.entries(byTarget).map(([target, list]) => [target, summary(list)]))]));

  const fixed = (value, digits = 1) => (value === undefined ? '–' : value.toFixed(digits));
  const rpsText = (f) => (rounds > 1 ? `${Math.round(f.rps)} (${Math.round(f.rpsRange[0])}–${Math.round(f.rpsRange[1])})` : `${Math.round(f.rps)}`);
  const targetLabel = (scenario, target) => (target === 'subgraph' ? `${scenario.subgraph} subgraph alone (signed, no gateway)` : gateways[target].label);
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  const rows = [];
  for (const scenario of scenarios) {
    for (const target of targetsOf(scenario)) {
      const f = figures[scenario.key][target];
      const cpu = `${fixed(f.cpu.gateway)} · ${fixed(f.cpu.accounts)} · ${fixed(f.cpu.opportunities)} · ${fixed(f.cpu.activities)} = ${fixed(f.cpuSum)} (${fixed(f.cpu.postgres)})`;
      rows.push(`| ${target === 'ours' ? scenario.label : ''} | ${targetLabel(scenario, target)} | ${rpsText(f)} | ${f.p50} / ${f.p99} | ${cpu} | ${f.peakRss === undefined ? '–' : Math.round(f.peakRss)} | ${f.errors} |`);
    }
  }
  const ka = figures.keyAccounts;
  const peakRss = (target) => Math.max(...Object.values(figures).map((byTarget) => byTarget[target].peakRss));
  const knobs = ['BENCH_SECONDS', 'BENCH_ROUNDS', 'BENCH_CONNECTIONS', 'BENCH_SCALE', 'BENCH_WARMUP'].filter((name) => process.env[name] !== undefined);
  const command = `${knobs.map((name) => `${name}=${process.env[name]} `).join('')}node bench/compare-gateways.mjs`;
  writeBenchBlock('compare-gateways', 'Our gateway and Hive Gateway side by side', [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\` on ${machine()}; demo book at scale ${scale}. ` +
      `Hive Gateway ${HIVE_VERSION} (one process, \`NODE_ENV=production\`) runs on the same subgraphs and supergraph, signing its subgraph requests and forwarding the caller's token like ours (bench/peer/). ` +
      `Before any timing, every gateway answered all ${IDENTICAL.length + varied.length} requests of the benchmark with the same bytes (apart from the newline ours ends a body with). ` +
      `${connections} connections; ${rounds} round${rounds > 1 ? 's' : ''} of ${seconds} s per gateway and operation, alternating${warmup > 0 ? `, after ${warmup} s of warm-up each` : ''}. ` +
      `req/s is the median of the rounds${rounds > 1 ? ' (range)' : ''}, p50 / p99 the median of the rounds' percentiles; CPU is user + system time from /proc over the steady middle of each run (from 20 % to 95 % of it), less what the process uses idle (measured over 5 s before any request), divided by the responses received meanwhile, pooled over the rounds; peak RSS is the gateway process's highest resident memory while loaded.`,
    '',
    '| operation | served by | req/s | p50 / p99 (ms) | CPU ms per request: gateway · accounts · opportunities · activities = sum (PostgreSQL) | gateway peak RSS (MiB) | errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '| goal | measured | target |',
    '| --- | --- | --- |',
    ...IDENTICAL.map((op) => `| identical load, ours / Hive default: ${op.label} | ${ratio(figures[op.key].ours.rps, figures[op.key].hive.rps)} (dedup off: ${ratio(figures[op.key].ours.rps, figures[op.key]['hive-nodedup'].rps)}) | ≥ 1.2× |`),
    `| varied load, ours / Hive default | ${ratio(figures.varied.ours.rps, figures.varied.hive.rps)} (dedup off: ${ratio(figures.varied.ours.rps, figures.varied['hive-nodedup'].rps)}) | ≥ 1.5× |`,
    `| one-subgraph operation through the gateway / the subgraph alone | ours ${ratio(figures.deals.ours.rps, figures.deals.subgraph.rps)}, Hive default ${ratio(figures.deals.hive.rps, figures.deals.subgraph.rps)} | ≥ 0.8× |`,
    `| KeyAccounts CPU per request, gateway + subgraphs | ours ${fixed(ka.ours.cpuSum)} ms, Hive default ${fixed(ka.hive.cpuSum)} ms, dedup off ${fixed(ka['hive-nodedup'].cpuSum)} ms | ≤ 12 ms |`,
    `| KeyAccounts p99 under the same load | ours ${ka.ours.p99} ms, Hive default ${ka.hive.p99} ms | no worse than Hive's |`,
    `| gateway peak RSS under load (all operations) | ours ${Math.round(peakRss('ours'))} MiB, Hive default ${Math.round(peakRss('hive'))} MiB, dedup off ${Math.round(peakRss('hive-nodedup'))} MiB | no more than Hive's |`,
    `| one KeyAccounts request on the idle platform, median of ${IDLE_RUNS} | ours ${fixed(idle.ours)} ms, Hive default ${fixed(idle.hive)} ms | ≤ 30 ms at scale 1, ≤ 60 ms at scale 10 |`,
  ]);
} finally {
  await stopAll();
}
