import { parseArgs } from 'node:util';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Logger } from 'pino';
import { createLogger } from '../../core/logging/logger';
import { initializeDatabase } from './data-source';

/** The demo book's PRNG seed unless `--seed` says otherwise: every start builds the same book. */
export const DEMO_BOOK_SEED = 42;

export interface SeedOptions {
  /** PRNG seed of the demo book. Default 42. */
  seed: number;
  /** Multiplies the book's size. Default 1. */
  scale: number;
}

export interface SeedDefinition<B> {
  name: string;
  dataSource: (url: string, logger: Logger) => DataSource;
  generate: (options: SeedOptions) => B;
  /** The table whose rows say this service's slice is there (a table the slice always fills); while it has any, seeding is skipped. */
  seededWhen: EntityTarget<ObjectLiteral>;
  /** Inserts this service's slice of the book inside one transaction. */
  load: (manager: EntityManager, book: B, insert: ChunkedInsert) => Promise<void>;
}

export type ChunkedInsert = <E extends ObjectLiteral>(entity: EntityTarget<E>, rows: object[]) => Promise<void>;

/** Parses `--scale N --seed N` from argv; bad values throw with the flag named. */
export function parseSeedArgs(argv: string[]): SeedOptions {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string' }, seed: { type: 'string' } }, strict: true });
  const scale = Number(values.scale ?? 1);
  const seed = Number(values.seed ?? DEMO_BOOK_SEED);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1000) throw new Error(`--scale must be a number above 0 and at most 1000, got ${values.scale}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  return { scale, seed };
}

/**
 * Loads a service's slice of the demo book unless its tables already hold data. Runs in one
 * transaction, so a failed or interrupted seed leaves nothing half-written. Returns whether it loaded.
 */
export async function runSeed<B>(definition: SeedDefinition<B>, url: string, options: SeedOptions, logger: Logger): Promise<boolean> {
  const db = definition.dataSource(url, logger);
  try {
    await initializeDatabase(db);
    return await seedIfEmpty(definition, db, options, logger);
  } finally {
    await db.destroy();
  }
}

/** Writes rows of one entity inside the seed's transaction: `bulkInsert` unless a test compares it with another way. */
export type InsertRows = (manager: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: object[]) => Promise<void>;

/** PostgreSQL's bind-parameter limit per statement is 65,535; stay below it. */
const MAX_PARAMETERS = 60_000;

/**
 * Inserts rows through TypeORM's INSERT builder, so every column is written as `manager.insert`
 * writes it (transformers, version 1, DEFAULT for what a row leaves out), but as few statements as the
 * parameter limit allows and without RETURNING: the seed reads nothing back from the objects it
 * inserts, and reading the generated columns back and merging them into each object cost more than
 * the insert itself.
 */
export const bulkInsert: InsertRows = async (manager, entity, rows) => {
  const perRow = Math.max(1, manager.getRepository(entity).metadata.columns.length);
  const size = Math.max(1, Math.min(10_000, Math.floor(MAX_PARAMETERS / perRow)));
  for (let start = 0; start < rows.length; start += size) {
    await manager.createQueryBuilder().insert().into(entity).values(rows.slice(start, start + size) as never).updateEntity(false).execute();
  }
};

/** `runSeed` on a connected, migrated data source: what a service runs at start when `DEMO_SEED_SCALE` is set. */
export async function seedIfEmpty<B>(
  definition: SeedDefinition<B>,
  db: DataSource,
  options: SeedOptions,
  logger: Logger,
  insertRows: InsertRows = bulkInsert,
): Promise<boolean> {
  if (await db.getRepository(definition.seededWhen).exists()) {
    logger.info(`${definition.name}: already holds data, not seeding`);
    return false;
  }
  let started = Date.now();
  const book = definition.generate(options);
  logger.info(`${definition.name}: generated the book (scale ${options.scale}, seed ${options.seed}) in ${Date.now() - started} ms`);
  started = Date.now();
  let total = 0;
  await db.transaction(async (manager) => {
    const insert: ChunkedInsert = async (entity, rows) => {
      const name = manager.getRepository(entity).metadata.tableName;
      const began = Date.now();
      // Progress in slices, so a large table shows how far it has come.
      const slice = 50_000;
      for (let start = 0; start < rows.length; start += slice) {
        await insertRows(manager, entity as EntityTarget<ObjectLiteral>, rows.slice(start, start + slice));
        if (rows.length > slice) logger.info(`${definition.name}: ${name} ${Math.min(start + slice, rows.length)}/${rows.length}`);
      }
      total += rows.length;
      logger.info(`${definition.name}: inserted ${rows.length} ${name} in ${Date.now() - began} ms`);
    };
    await definition.load(manager, book, insert);
  });
  logger.info(`${definition.name}: loaded ${total} rows (and the audit trail and event logs derived from them) in ${Date.now() - started} ms`);
  return true;
}

/** What a service's configuration says about its database and its logs. */
export interface SeedCliConfig {
  DATABASE_URL: string;
  LOG_LEVEL: string;
  LOG_FORMAT: string;
}

/**
 * The body of every service's `seed-main.ts`: parse `--scale N --seed N`, seed the service's database
 * (logging as the service), exit 0 on success and 1 on failure.
 */
export function runSeedCli<B>(definition: SeedDefinition<B>, config: SeedCliConfig, argv = process.argv.slice(2)): void {
  const logger = createLogger({ name: definition.name, level: config.LOG_LEVEL, format: config.LOG_FORMAT as 'pretty' | 'json' });
  Promise.resolve()
    .then(() => runSeed(definition, config.DATABASE_URL, parseSeedArgs(argv), logger))
    .then(
      () => process.exit(0),
      (error) => {
        logger.fatal({ err: error }, `${definition.name}: seeding failed`);
        process.exit(1);
      },
    );
}
