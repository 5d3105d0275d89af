import 'reflect-metadata';
import { createLogger, runSeedCli } from '@crm/kernel';
import { loadConfig } from './config';
import { opportunitiesSeed } from './seed';

/** `node dist/seed-main.js [--scale N] [--seed N]`: loads the demo book's opportunities slice once. */
const config = loadConfig(process.env);
runSeedCli(opportunitiesSeed, config.DATABASE_URL, createLogger({ name: 'opportunities', level: config.LOG_LEVEL, format: config.LOG_FORMAT as 'pretty' }));
