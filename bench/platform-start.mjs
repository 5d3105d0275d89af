// `pnpm start` as a user runs it: the first start (initialise the embedded PostgreSQL, migrate, load
// the demo book) and then a second start on the same, unchanged checkout, each timed from the
// command to the launcher's "CRM is running" line, then stopped with Ctrl-C (SIGINT). Runs on a
// throw-away data directory and free ports, so a platform already running on the defaults is left alone.
//   node bench/platform-start.mjs [--runs 5]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { machine, root, writeBenchBlock } from './bench-platform.mjs';

const require = createRequire(import.meta.url);
const testing = require(path.join(root, 'packages/testing/dist/index.js'));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 5);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-start-'));
const ports = {
  EMBEDDED_PG_PORT: await testing.freePort(),
  GATEWAY_PORT: await testing.freePort(),
  ACCOUNTS_PORT: await testing.freePort(),
  OPPORTUNITIES_PORT: await testing.freePort(),
  ACTIVITIES_PORT: await testing.freePort(),
};
const env = { ...process.env, CRM_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };

/** Milliseconds from `npx -y pnpm@10 start` to "CRM is running", then stops the platform and waits for it to end. */
async function timedStart() {
  const started = performance.now();
  const child = spawn('npx', ['-y', 'pnpm@10', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not running after 120 s:\n${output}`)), 120_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('CRM is running')) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`pnpm start exited with ${code} before it was running:\n${output}`)));
  });
  const stopped = new Promise((resolve) => child.once('exit', resolve));
  // Ctrl-C reaches the whole foreground process group.
  process.kill(-child.pid, 'SIGINT');
  await stopped;
  return ready;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const first = await timedStart();
  console.log(`first start ${(first / 1000).toFixed(1)} s`);
  const again = [];
  for (let i = 0; i < runs; i++) {
    again.push(await timedStart());
    console.log(`second start ${(again.at(-1) / 1000).toFixed(1)} s`);
  }
  const s = (ms) => (ms / 1000).toFixed(1);
  writeBenchBlock('platform-start', 'Starting the platform', [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/platform-start.mjs --runs ${runs}\` on ${machine()}: \`npx -y pnpm@10 start\` from the command to "CRM is running", on a new data directory, then again on the same one (built, seeded, nothing changed), stopped with Ctrl-C in between.`,
    '',
    '| start | time to ready (s) | goal |',
    '| --- | --- | --- |',
    `| first (initialise PostgreSQL, migrate, load the demo book at scale 1) | ${s(first)} | – |`,
    `| second, unchanged checkout: median of ${runs} (min–max) | ${s(median(again))} (${s(Math.min(...again))}–${s(Math.max(...again))}) | ≤ 5 |`,
  ]);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
