import { createDataSource, initializeDatabase, runSeed, type SeedDefinition, type SeedOptions } from '@crm/kernel/subgraph';
import { withTestDatabase } from './test-database';
import { testLogger } from './test-logger';

type DataSource = ReturnType<SeedDefinition<unknown>['dataSource']>;
type QueryRunner = ReturnType<DataSource['createQueryRunner']>;

/**
 * Runs `run` on a fresh database that `seed` loaded with the demo book at `options` and that is
 * migrated to the latest version, through the seed's data source; destroyed and dropped afterwards.
 */
export function withSeededDatabase<B, T>(seed: SeedDefinition<B>, options: SeedOptions, run: (db: DataSource) => Promise<T>): Promise<T> {
  return withTestDatabase(async (database) => {
    await runSeed(seed, database.url, options, testLogger);
    const db = seed.dataSource(database.url, testLogger);
    try {
      await initializeDatabase(db);
      return await run(db);
    } finally {
      if (db.isInitialized) await db.destroy();
    }
  });
}

/** Runs `migration` down and up again on `db`: what it writes for data that is there when it runs. */
export async function redoMigration(db: DataSource, migration: { up(runner: QueryRunner): Promise<unknown>; down(runner: QueryRunner): Promise<unknown> }): Promise<void> {
  const runner = db.createQueryRunner();
  try {
    await migration.down(runner);
    await migration.up(runner);
  } finally {
    await runner.release();
  }
}

/**
 * Runs `run` with a query runner on a fresh database holding nothing but the empty `schema`, for
 * tests that run a service's migrations one by one; released, destroyed and dropped afterwards.
 */
export function withEmptySchema<T>(schema: string, run: (runner: QueryRunner) => Promise<T>): Promise<T> {
  return withTestDatabase(async (database) => {
    const db = createDataSource({ url: database.url, schema, entities: [], migrations: [], logger: testLogger });
    await db.initialize();
    const runner = db.createQueryRunner();
    try {
      await runner.query(`CREATE SCHEMA "${schema}"`);
      return await run(runner);
    } finally {
      await runner.release();
      await db.destroy();
    }
  });
}
