import 'reflect-metadata';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from 'pino';
import { AuditEntry } from '../audit/audit-entry.entity';
import { QueryLogger } from './query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceOptions {
  url: string;
  /** The PostgreSQL schema this service owns, e.g. `accounts`. Its migrations table lives there too. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  logger: Logger;
  /** Pool size. Default 10. */
  poolSize?: number;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    // Every service keeps an audit log in its own schema (see `recordAudit`).
    entities: [...(options.entities as Function[]), AuditEntry],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new QueryLogger(options.logger),
    maxQueryExecutionTime: 500,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      // Fail fast instead of queueing forever when the database is gone.
      query_timeout: 30_000,
      application_name: `crm-${options.schema}`,
    },
  });
}

/**
 * Connects, creates the service's schema and runs pending migrations, each in its own transaction.
 * An advisory lock keeps two instances starting together from migrating at once.
 */
export async function initializeDatabase(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`crm:migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`crm:migrate:${schema}`]).catch(() => undefined);
    await runner.release();
  }
}
