import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@crm/kernel/subgraph';

declare global {
  // eslint-disable-next-line no-var
  var __CRM_EMBEDDED_PG__: EmbeddedPostgresHandle | undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Jest global setup: tests use `CRM_TEST_DATABASE_URL` when given (e.g. the machine's PostgreSQL),
 * otherwise a throw-away embedded PostgreSQL, so the suite needs nothing but Node.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.CRM_TEST_DATABASE_URL) return;
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'crm-test-pg-')), 'data');
  const handle = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres' });
  globalThis.__CRM_EMBEDDED_PG__ = handle;
  process.env.CRM_TEST_DATABASE_URL = handle.url;
}
