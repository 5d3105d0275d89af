// Where the CPU of the README's KeyAccounts page goes: the platform runs with node's --cpu-prof in
// every gateway and subgraph process while 20 connections ask for the page, each request different
// (24 seeded users of every role and team × pages of 15 to 20 customers), so that no two are alike
// and no sharing of identical reads hides the work. Reports, per process, CPU milliseconds per
// request (from /proc, over the load) and the functions with the most self time (from the profile,
// over the whole run, start-up included), and writes them to docs/benchmarks.md
// (BENCH:profile-key-accounts, or the name given with --label, so that a before and an after can
// stand side by side).
//   node bench/profile-key-accounts.mjs [--seconds 15] [--label after]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { machine, root, settle, startBenchPlatform, writeBenchBlock } from './bench-platform.mjs';
import { cpuMs } from './proc-stats.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const seconds = Number(arg('seconds', 15));
const label = arg('label', 'now');
const TOP = 12;

function keyAccountsQuery() {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = /```graphql\n(query KeyAccounts \{[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md no longer holds the KeyAccounts query');
  return block
    .replace('query KeyAccounts {', 'query KeyAccounts($first: Int!, $filter: AccountFilter) {')
    .replace(/accounts\(first: \d+, filter: \{[^}]*\}/, 'accounts(first: $first, filter: $filter');
}

/** Self time per function of a .cpuprofile, idle excluded: [{ name, where, ms }], and the busy total. */
function selfTimes(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const times = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id);
    if (frame.functionName === '(idle)') return;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    busy += dt;
    const where = frame.url.match(/node_modules\/\.pnpm\/([^/]+)\//)?.[1].replace(/@[\d.]+(_.*)?$/, '') ?? frame.url.replace(/^file:\/\//, '').replace(`${root}/`, '').replace(/^node:.*/, 'node');
    const key = `${frame.functionName || '(anonymous)'}\t${where || '(native)'}`;
    times.set(key, (times.get(key) ?? 0) + dt);
  });
  return { busy, top: [...times].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([key, ms]) => ({ name: key.split('\t')[0], where: key.split('\t')[1], ms })) };
}

const profileDir = mkdtempSync(path.join(os.tmpdir(), 'crm-profile-'));
const bench = await startBenchPlatform({ scale: 1, cpuProfileDir: profileDir });
let stopped = false;
try {
  await settle(bench.platform);
  const pids = bench.pids();
  const users = await bench.users(24);
  const query = keyAccountsQuery();
  const requests = users.flatMap((user) =>
    [15, 16, 17, 18, 19, 20].map((first) => ({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query, variables: { first, filter: { lifecycle: 'CUSTOMER' } } }),
    })),
  );
  let next = 0;
  const cpu = (name) => cpuMs(pids[name], { withChildren: name === 'postgres' });
  const before = Object.fromEntries(Object.keys(pids).map((name) => [name, cpu(name)]));
  const result = await autocannon({
    url: bench.platform.gatewayUrl,
    connections: 20,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, method: 'POST', ...requests[next++ % requests.length] }) }],
  });
  const answered = result.requests.total;
  const perRequest = Object.fromEntries(Object.keys(pids).map((name) => [name, (cpu(name) - before[name]) / answered]));
  if (result.errors + result.non2xx > 0) throw new Error(`${result.errors + result.non2xx} requests failed`);
  // The profiles are written as the processes exit.
  await bench.stop();
  stopped = true;
  const names = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [pid, name]));
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} at \`${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()}\` with \`node bench/profile-key-accounts.mjs --seconds ${seconds} --label ${label}\` on ${machine()}: the KeyAccounts page (README) for 20 connections during ${seconds} s, every request different (24 users × 6 page sizes), ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms. CPU per request is user + system time from /proc over the load, divided by the ${answered} answers; the frames are self time from each process's V8 profile over its whole run (start-up included), in % of its busy time.`,
    '',
    `CPU ms per request: ${['gateway', 'accounts', 'opportunities', 'activities', 'postgres'].map((name) => `${name} ${perRequest[name].toFixed(1)}`).join(' · ')}; gateway and subgraphs together ${['gateway', 'accounts', 'opportunities', 'activities'].reduce((sum, name) => sum + perRequest[name], 0).toFixed(1)}.`,
    '',
  ];
  for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    const name = names[Number(file.split('.')[3])];
    if (!name) continue;
    const { busy, top } = selfTimes(path.join(profileDir, file));
    lines.push(`**${name}** (busy ${(busy / 1000).toFixed(1)} s): ${top.map((t) => `\`${t.name}\` ${t.where} ${((100 * t.ms) / busy).toFixed(1)} %`).join(', ')}`, '');
  }
  writeBenchBlock(`profile-key-accounts-${label}`, `Where the KeyAccounts page spends its CPU (${label})`, lines.slice(0, -1));
} finally {
  if (!stopped) await bench.stop();
  rmSync(profileDir, { recursive: true, force: true });
}
process.exit(0);
