import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createLogger } from './core/logging/logger';

// What the kernel's own tests need of the PostgreSQL server the jest global setup started. The
// kernel imports nothing of ours, not even @crm/testing (which is built on the kernel), so its tests
// share these instead.

/** Admin URL of the test server, set by the jest global setup. */
export function testServerUrl(): string {
  const url = process.env.CRM_TEST_DATABASE_URL;
  if (!url) throw new Error('CRM_TEST_DATABASE_URL is not set: run tests through jest (its globalSetup starts PostgreSQL)');
  return url;
}

/** Quiet logger for what tests start; TEST_LOG_LEVEL=debug shows their logs. */
export const testLogger = createLogger({ name: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Runs `run` with a client of the test server's admin database, closed afterwards whatever `run` did. */
export async function withServerClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, ending the connections still open to it. */
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, named `<prefix>_<random>`, so test files never see each other's rows. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withServerClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => void (await withServerClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
