// Shared by the bench scripts: boot the real platform on the demo book, sign tokens for seeded users,
// find its processes, read /metrics, and write a figures block into docs/benchmarks.md between a
// script's BENCH markers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processes } from './proc-stats.mjs';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { signToken, DEVELOPMENT_JWT_SECRET } = require(path.join(root, 'packages/kernel/dist/index.js'));
const { startEmbeddedPostgres } = require(path.join(root, 'packages/kernel/dist/subgraph/index.js'));
const testing = require(path.join(root, 'packages/testing/dist/index.js'));
const { Client } = require(path.join(root, 'packages/testing/node_modules/pg'));

/**
 * A throw-away embedded PostgreSQL, then the platform (three subgraphs and the gateway, from their
 * dist/) with the demo book loaded at `scale`. `coldStartMs` covers the platform start: fresh
 * database, migrations, seeding and all processes ready. `stop()` ends everything it started.
 */
export async function startBenchPlatform({ scale, cpuProfileDir }) {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'crm-bench-')), 'pg');
  const server = await startEmbeddedPostgres({ dataDir, port: await testing.freePort(), database: 'postgres' });
  process.env.CRM_TEST_DATABASE_URL = server.url;
  try {
    const started = performance.now();
    const platform = await testing.startPlatform({ seedScale: scale, cpuProfileDir });
    const coldStartMs = performance.now() - started;
    return {
      platform,
      coldStartMs,
      query: (sql, params) => query(platform.database.url, sql, params),
      /** A bearer token for the first seeded user (by e-mail) with `role`. */
      token: async (role = 'ADMIN') => {
        const [user] = await query(platform.database.url, `SELECT id, email, team_id FROM accounts.users WHERE role = $1 ORDER BY email LIMIT 1`, [role]);
        return tokenFor({ ...user, role });
      },
      /**
       * `count` active seeded users, as `{ id, email, role, teamId, token }`, taken round-robin over
       * every (role, team) pair so that the list mixes roles and teams as much as the book allows.
       */
      users: async (count) => {
        const rows = await query(
          platform.database.url,
          `SELECT id, email, role, team_id FROM (
             SELECT *, row_number() OVER (PARTITION BY role, team_id ORDER BY email) AS turn FROM accounts.users WHERE active
           ) u ORDER BY turn, role, team_id NULLS FIRST LIMIT $1`,
          [count],
        );
        return Promise.all(rows.map(async (user) => ({ id: user.id, email: user.email, role: user.role, teamId: user.team_id, token: await tokenFor(user) })));
      },
      /** Pids of the platform's processes: the gateway, each subgraph and the PostgreSQL server. */
      pids: () => {
        const all = processes();
        const byScript = (script) => {
          const found = all.filter((p) => p.ppid === process.pid && p.command.includes(script));
          if (found.length !== 1) throw new Error(`expected one child process running ${script}, found ${found.length}`);
          return found[0].pid;
        };
        return {
          gateway: byScript(path.join(root, 'gateway/dist/main.js')),
          accounts: byScript(path.join(root, 'services/accounts/dist/main.js')),
          opportunities: byScript(path.join(root, 'services/opportunities/dist/main.js')),
          activities: byScript(path.join(root, 'services/activities/dist/main.js')),
          // The server's first line; each connection is a backend process it forked.
          postgres: Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
        };
      },
      stop: async () => {
        await platform.stop();
        await server.stop();
        rmSync(path.dirname(dataDir), { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
    throw error;
  }
}

function tokenFor(user) {
  return signToken({ userId: user.id, email: user.email, role: user.role, teamId: user.team_id }, { secret: DEVELOPMENT_JWT_SECRET, issuer: 'crm', audience: 'crm-api' });
}

/**
 * Waits until no subgraph runs SQL for 2 s in a row (at most 2 minutes): right after seeding, the event
 * consumers (onboarding, interactions, open pipeline) replay the book's history, thousands of queries that would
 * otherwise land in the timings and in the SQL-per-request counts, and change what some fields answer.
 */
export async function settle(platform) {
  const total = async () => (await Promise.all(Object.values(platform.subgraphUrls).map((url) => metric(url, 'crm_db_queries_total')))).reduce((a, b) => a + b, 0);
  const deadline = Date.now() + 120_000;
  for (let before = await total(); Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const now = await total();
    if (now === before) return;
    before = now;
  }
}

async function query(url, sql, params = []) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows;
  } finally {
    await db.end();
  }
}

/** One value of a process's Prometheus `/metrics`, 0 when absent. */
export async function metric(url, name) {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? 0);
}

/** The machine a figure was measured on, for the docs. */
export function machine() {
  return `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * Replaces the block between `<!-- BENCH:<name> -->` and `<!-- /BENCH:<name> -->` in
 * docs/benchmarks.md with `lines` (the markers are added), appending a `## <heading>` section when
 * the markers are missing; prints the block.
 */
export function writeBenchBlock(name, heading, lines) {
  const open = `<!-- BENCH:${name} -->`;
  const close = `<!-- /BENCH:${name} -->`;
  const block = [open, ...lines, close].join('\n');
  const docPath = path.join(root, 'docs/benchmarks.md');
  let doc;
  try {
    doc = readFileSync(docPath, 'utf8');
  } catch {
    doc = '# Benchmarks\n\nFigures written by the scripts in `bench/`; rerun them to refresh. Only loopback traffic; every run is bounded in time.\n';
  }
  if (!doc.includes(open)) doc = `${doc.trimEnd()}\n\n## ${heading}\n\n${open}\n${close}\n`;
  doc = doc.replace(new RegExp(`${open}[\\s\\S]*${close.replace(/\//g, '\\/')}`), () => block);
  writeFileSync(docPath, doc);
  console.log(block);
}
