import 'reflect-metadata';
import { runSeedCli } from '@crm/kernel/subgraph';
import { loadConfig } from './config';
import { activitiesSeed } from './seed';

/** `node dist/seed-main.js [--scale N] [--seed N]`: loads the demo book's activities slice once. */
runSeedCli(activitiesSeed, loadConfig(process.env));
