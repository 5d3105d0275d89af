// Shared by the bench scripts: boot the real platform on the demo book, sign tokens for seeded users,
// read /metrics, and write a figures block into docs/benchmarks.md between a script's BENCH markers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
export async function startBenchPlatform({ scale }) {
  const server = await startEmbeddedPostgres({ dataDir: path.join(mkdtempSync(path.join(os.tmpdir(), 'crm-bench-')), 'pg'), port: await testing.freePort(), database: 'postgres' });
  process.env.CRM_TEST_DATABASE_URL = server.url;
  try {
    const started = performance.now();
    const platform = await testing.startPlatform({ seedScale: scale });
    const coldStartMs = performance.now() - started;
    return {
      platform,
      coldStartMs,
      query: (sql, params) => query(platform.database.url, sql, params),
      /** A bearer token for the first seeded user (by e-mail) with `role`. */
      token: async (role = 'ADMIN') => {
        const [user] = await query(platform.database.url, `SELECT id, email, team_id FROM accounts.users WHERE role = $1 ORDER BY email LIMIT 1`, [role]);
        return signToken({ userId: user.id, email: user.email, role, teamId: user.team_id }, { secret: DEVELOPMENT_JWT_SECRET, issuer: 'crm', audience: 'crm-api' });
      },
      stop: async () => {
        await platform.stop();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
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
