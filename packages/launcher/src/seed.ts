import { ConfigError, createLogger } from '@crm/kernel';
import { Client } from 'pg';
import { loadConfig } from './config';
import { openDatabase } from './database';
import { seedAll } from './seeding';
import { SUBGRAPHS } from './services';

/**
 * `pnpm seed [--scale N] [--seed N] [--reset]`: loads the demo book on demand. Schemas that hold
 * data are left alone unless `--reset` drops them first (all data in them is lost).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reset = args.includes('--reset');
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'seed', level: config.LOG_LEVEL, format: 'pretty' });
  const database = await openDatabase(config, logger);
  try {
    if (reset) {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const schema of SUBGRAPHS) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
      logger.warn('dropped the accounts, opportunities and activities schemas');
    }
    const started = Date.now();
    await seedAll({ ...process.env, DATABASE_URL: database.url, LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty' }, args.filter((a) => a !== '--reset'));
    logger.info(`seeding finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The summary: what each schema now holds, loaded by this run or an earlier one.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      for (const schema of SUBGRAPHS) {
        const tables = await client.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
          [schema],
        );
        const counts: string[] = [];
        for (const { table_name } of tables.rows) {
          const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."${table_name}"`);
          if (rows[0].n > 0) counts.push(`${rows[0].n} ${table_name}`);
        }
        logger.info(`${schema}: ${counts.join(', ') || 'empty'}`);
      }
    } finally {
      await client.end();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
