import { parseArgs } from 'node:util';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Logger } from 'pino';
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
  /** True when this service's tables already hold data; seeding is then skipped. */
  isSeeded: (db: DataSource) => Promise<boolean>;
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
  if (await definition.isSeeded(db)) {
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

/** The body of a service's `seed-main.ts`: parse flags, seed, exit 0 on success and 1 on failure. */
export function runSeedCli<B>(definition: SeedDefinition<B>, url: string, logger: Logger, argv = process.argv.slice(2)): void {
  Promise.resolve()
    .then(() => runSeed(definition, url, parseSeedArgs(argv), logger))
    .then(
      () => process.exit(0),
      (error) => {
        logger.fatal({ err: error }, `${definition.name}: seeding failed`);
        process.exit(1);
      },
    );
}
