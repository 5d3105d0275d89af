import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';
import { dbQueriesTotal, dbQueryErrorsTotal, dbWritesTotal } from '../../core/metrics/metrics';

/** A statement that changes rows, also inside a CTE; `SELECT … FOR UPDATE` is not one. */
const WRITE = /\b(INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|MERGE\s+INTO)\b/i;

/** Counts every statement for `/metrics` and sends TypeORM's chatter to our logger at debug level. */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger, private readonly slowMs = 500) {}

  logQuery(query: string): void {
    dbQueriesTotal.inc();
    if (WRITE.test(query)) dbWritesTotal.inc();
    if (this.logger.isLevelEnabled('trace')) this.logger.trace({ query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    dbQueryErrorsTotal.inc();
    this.logger.debug({ err: error, query }, 'sql error');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowMs) this.logger.warn({ time, query }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.logger[level === 'warn' ? 'warn' : 'debug']({ message }, 'typeorm');
  }
}
