import 'reflect-metadata';
import { createLogger } from '@crm/kernel';
import { runSeedCli } from '@crm/kernel/subgraph';
import { loadConfig } from './config';
import { accountsSeed } from './seed';

/** `node dist/seed-main.js [--scale N] [--seed N]`: loads the demo book's accounts slice once. */
const config = loadConfig(process.env);
runSeedCli(accountsSeed, config.DATABASE_URL, createLogger({ name: 'accounts', level: config.LOG_LEVEL, format: config.LOG_FORMAT as 'pretty' }));
