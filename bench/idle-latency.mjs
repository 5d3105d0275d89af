// One KeyAccounts page (README, 20 customers) at a time on an otherwise idle platform: the latency a
// single user feels, at the demo book's scale given (the goal: ≤ 30 ms at scale 1, ≤ 60 ms at 10).
// Each request is different (seeded users in turn) so that nothing is shared between them.
//   node bench/idle-latency.mjs [--scale 10] [--runs 50]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { machine, root, settle, startBenchPlatform, writeBenchBlock } from './bench-platform.mjs';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const scale = arg('scale', Number(process.env.BENCH_SCALE ?? 1));
const runs = arg('runs', 50);

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const block = /```graphql\n(query KeyAccounts \{[\s\S]*?)```/.exec(readme)?.[1];
if (!block) throw new Error('README.md no longer holds the KeyAccounts query');
const query = block
  .replace('query KeyAccounts {', 'query KeyAccounts($first: Int!, $filter: AccountFilter) {')
  .replace(/accounts\(first: \d+, filter: \{[^}]*\}/, 'accounts(first: $first, filter: $filter');

const started = performance.now();
const bench = await startBenchPlatform({ scale });
const startMs = performance.now() - started;
try {
  await settle(bench.platform);
  const users = await bench.users(24);
  const ask = async (user) => {
    const at = performance.now();
    const response = await fetch(bench.platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query, variables: { first: 20, filter: { lifecycle: 'CUSTOMER' } } }),
    });
    const answer = await response.json();
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return performance.now() - at;
  };
  // Warm: every user's first request plans and fills the caches.
  for (const user of users) await ask(user);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await ask(users[i % users.length]));
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  const { count } = (await bench.query('SELECT count(*)::int AS count FROM opportunities.opportunities'))[0];
  writeBenchBlock(`idle-latency-scale-${scale}`, `One KeyAccounts page on an idle platform, scale ${scale}`, [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/idle-latency.mjs --scale ${scale} --runs ${runs}\` on ${machine()}: demo book at scale ${scale} (${count} deals; platform started and seeded in ${(startMs / 1000).toFixed(0)} s), the README's KeyAccounts page with 20 customers, one request at a time, users in turn, after one warm-up request per user.`,
    '',
    `| p50 (ms) | p90 (ms) | max (ms) | goal (p50) |`,
    `| --- | --- | --- | --- |`,
    `| ${at(0.5)} | ${at(0.9)} | ${times.at(-1).toFixed(1)} | ≤ ${scale >= 10 ? 60 : 30} ms |`,
  ]);
} finally {
  await bench.stop();
}
process.exit(0);
