import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { KernelTable } from './kernel-tables';

/** The statements of a migration, in the order they run, each way. */
export interface MigrationSteps {
  up: readonly string[];
  down: readonly string[];
}

async function run(db: QueryRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await db.query(statement);
}

/**
 * The base of a service's migration: a class that extends it (`export class Segments1768300000000
 * extends sqlMigration({ up: [...], down: [...] }) {}`) runs `up`'s statements in order, and
 * `down`'s to undo them. TypeORM knows a migration by its name, whose last 13 digits are its
 * timestamp; the name is the extending class's own, so a released migration keeps its name and, as
 * long as its statements stay, does exactly what it did.
 */
export function sqlMigration(steps: MigrationSteps): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = this.constructor.name;

    constructor() {
      if (!/\d{13}$/.test(this.name)) {
        throw new Error(`a migration's class name ends in its 13-digit timestamp, e.g. Segments1768300000000; got "${this.name}"`);
      }
    }

    async up(db: QueryRunner): Promise<void> {
      await run(db, steps.up);
    }

    async down(db: QueryRunner): Promise<void> {
      await run(db, steps.down);
    }
  };
}

/** The migration that adds one version of a kernel-owned table (`KERNEL_TABLES`) to the service's `schema`. */
export function kernelTableMigration(schema: string, table: KernelTable): new () => MigrationInterface {
  return sqlMigration({ up: table.up(schema), down: table.down(schema) });
}

/**
 * The indexes `paginate` reads a list sorted by each of `columns` through: `(column, id)`, id being
 * the tie-break of every keyset cursor. Named `<table>_<column>_idx`.
 */
export function keysetIndexes(schema: string, table: string, columns: readonly string[]): string[] {
  return columns.map((column) => `CREATE INDEX ${table}_${column}_idx ON ${schema}.${table} (${column}, id)`);
}

/** What a migration's `down` drops, each in the order given (what depends on the others first). */
export interface Drops {
  indexes?: readonly string[];
  tables?: readonly string[];
  types?: readonly string[];
}

/** The statements dropping `drops` from `schema`: indexes, then tables, then types. */
export function drops(schema: string, { indexes = [], tables = [], types = [] }: Drops): string[] {
  return [
    ...indexes.map((index) => `DROP INDEX ${schema}.${index}`),
    ...tables.map((table) => `DROP TABLE ${schema}.${table}`),
    ...types.map((type) => `DROP TYPE ${schema}.${type}`),
  ];
}

/**
 * A transactional-outbox event log that `PostgresEventSource` reads: `seq` (its order, from a sequence
 * writers take under the log's advisory lock), `id`, the log's own `columns`, and when the row was
 * recorded; then its indexes (`eventLogIndexes`) for each of the `filtered` columns.
 */
export function eventLogTable(schema: string, table: string, columns: readonly string[], filtered: readonly string[]): string[] {
  const lines = ['seq bigserial NOT NULL', 'id uuid PRIMARY KEY DEFAULT gen_random_uuid()', ...columns, 'recorded_at timestamptz(3) NOT NULL DEFAULT statement_timestamp()'];
  // Laid out as the logs' first migrations wrote it, so that theirs stays the same text.
  const body = lines.map((line) => `        ${line}`).join(',\n');
  const create = `
      CREATE TABLE ${schema}.${table} (
${body}
      )`;
  return [create, ...eventLogIndexes(schema, table, filtered)];
}

/**
 * The indexes of a transactional-outbox event log that `PostgresEventSource` reads in `seq` order:
 * `seq` itself, unique, and `(column, seq)` for each column a subscriber filters or is authorized by.
 */
export function eventLogIndexes(schema: string, table: string, columns: readonly string[]): string[] {
  return [
    `CREATE UNIQUE INDEX ${table}_seq_idx ON ${schema}.${table} (seq)`,
    ...columns.map((column) => `CREATE INDEX ${table}_${column}_seq_idx ON ${schema}.${table} (${column}, seq)`),
  ];
}
