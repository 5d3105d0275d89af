import 'reflect-metadata';
import { createLogger } from '@crm/kernel';
import { runSeedCli } from '@crm/kernel/subgraph';
import { loadConfig } from './config';
import { activitiesSeed } from './seed';

/** `node dist/seed-main.js [--scale N] [--seed N]`: loads the demo book's activities slice once. */
const config = loadConfig(process.env);
runSeedCli(activitiesSeed, config.DATABASE_URL, createLogger({ name: 'activities', level: config.LOG_LEVEL, format: config.LOG_FORMAT as 'pretty' }));
