import path from 'node:path';
import { startEmbeddedPostgres, type Logger } from '@crm/kernel';
import { Client } from 'pg';
import type { LauncherConfig } from './config';

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
 * The database to use: `DATABASE_URL` when set; else the embedded PostgreSQL, reusing it when it is
 * already running (e.g. `pnpm seed` while the platform runs) and starting it otherwise.
 */
export async function openDatabase(config: LauncherConfig, logger: Logger): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const url = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/crm`;
  if (await answers(url)) return { url, embedded: false, stop: async () => undefined };
  const handle = await startEmbeddedPostgres({ dataDir: path.join(config.CRM_DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT, logger });
  return { url: handle.url, embedded: true, stop: handle.stop };
}
