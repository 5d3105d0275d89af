import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Admin URL of the PostgreSQL server the test run uses; set by the jest global setup. */
export function testServerUrl(): string {
  const url = process.env.CRM_TEST_DATABASE_URL;
  if (!url) throw new Error('CRM_TEST_DATABASE_URL is not set: run tests through jest (its globalSetup starts PostgreSQL)');
  return url;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function urlOfDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `run` with a client connected to `url`, closed afterwards whatever `run` did. */
export async function withDatabaseClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `run` with a client of the test server's admin database (e.g. to cut a service's connections). */
export function withServerClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  return withDatabaseClient(testServerUrl(), run);
}

/** A fresh, empty database on the test server, so test files never see each other's rows. */
export async function createTestDatabase(prefix = 'crm_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withServerClient((admin) => admin.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: urlOfDatabase(testServerUrl(), name),
    drop: async () => void (await withServerClient((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Runs `run` on a fresh database of its own, dropped afterwards whatever `run` did. */
export async function withTestDatabase<T>(run: (database: TestDatabase) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  try {
    return await run(database);
  } finally {
    await database.drop();
  }
}
