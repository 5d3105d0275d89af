import { bulkInsert, createDataSource, initializeDatabase, runSeed, seedIfEmpty, type InsertRows, type SeedDefinition, type SeedOptions } from '@crm/kernel/subgraph';
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

/** Every table of a schema: its rows as JSON text, sorted, without the columns that differ from run to run. */
export type SchemaRows = Record<string, string[]>;

type Tables = Record<string, Record<string, unknown>[]>;

/**
 * The demo book at `options` loaded by `seed` into fresh databases, through the seed runner's
 * `bulkInsert` once and twice through TypeORM's `manager.insert` in chunks of 1,000 rows (how the
 * seed wrote rows before `bulkInsert`). The columns whose values differ between the two reference
 * loads (`varying`: clock defaults, random ids of rows the book does not name) are left out; every
 * other column of every table of the seed's schema is compared, rows as sorted JSON text.
 */
export async function seedBothWays<B>(seed: SeedDefinition<B>, options: SeedOptions): Promise<{ bulk: SchemaRows; reference: SchemaRows; varying: string[] }> {
  const referenceInsert: InsertRows = async (manager, entity, rows) => {
    for (let start = 0; start < rows.length; start += 1000) await manager.insert(entity, rows.slice(start, start + 1000) as never);
  };
  const load = (insertRows: InsertRows) =>
    withTestDatabase(async (database): Promise<Tables> => {
      const db = seed.dataSource(database.url, testLogger);
      try {
        await initializeDatabase(db);
        await seedIfEmpty(seed, db, options, testLogger, insertRows);
        const tables: { table_name: string }[] = await db.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
          [seed.name],
        );
        const rows: Tables = {};
        for (const { table_name } of tables) {
          rows[table_name] = (await db.query(`SELECT to_jsonb(t) AS row FROM "${seed.name}"."${table_name}" t`)).map((r: { row: Record<string, unknown> }) => r.row);
        }
        return rows;
      } finally {
        if (db.isInitialized) await db.destroy();
      }
    });
  const [bulk, reference, again] = [await load(bulkInsert), await load(referenceInsert), await load(referenceInsert)];
  const valuesOf = (rows: Record<string, unknown>[], column: string) => rows.map((row) => JSON.stringify(row[column])).sort();
  const varying: string[] = [];
  const text = (tables: Tables): SchemaRows =>
    Object.fromEntries(
      Object.entries(tables).map(([table, rows]) => {
        const columns = Object.keys(reference[table]?.[0] ?? rows[0] ?? {});
        const left = columns.filter((column) => JSON.stringify(valuesOf(reference[table], column)) !== JSON.stringify(valuesOf(again[table], column)));
        return [table, rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([column]) => !left.includes(column))))).sort()];
      }),
    );
  for (const [table, rows] of Object.entries(reference)) {
    for (const column of Object.keys(rows[0] ?? {})) {
      if (JSON.stringify(valuesOf(rows, column)) !== JSON.stringify(valuesOf(again[table], column))) varying.push(`${table}.${column}`);
    }
  }
  return { bulk: text(bulk), reference: text(reference), varying };
}
