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

/** `runSeed` on a connected, migrated data source: what a service runs at start when `DEMO_SEED_SCALE` is set. */
export async function seedIfEmpty<B>(definition: SeedDefinition<B>, db: DataSource, options: SeedOptions, logger: Logger): Promise<boolean> {
  if (await db.getRepository(definition.seededWhen).exists()) {
    logger.info(`${definition.name}: already holds data, not seeding`);
    return false;
  }
  const book = definition.generate(options);
  await db.transaction(async (manager) => {
    const insert: ChunkedInsert = async (entity, rows) => {
      const name = manager.getRepository(entity).metadata.tableName;
      for (let start = 0; start < rows.length; start += 1000) {
        await manager.insert(entity, rows.slice(start, start + 1000) as never);
        if (rows.length > 5000) logger.info(`${definition.name}: ${name} ${Math.min(start + 1000, rows.length)}/${rows.length}`);
      }
      logger.info(`${definition.name}: inserted ${rows.length} ${name}`);
    };
    await definition.load(manager, book, insert);
  });
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
