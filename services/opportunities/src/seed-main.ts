import 'reflect-metadata';
import { runSeedCli } from '@crm/kernel/subgraph';
import { loadConfig } from './config';
import { opportunitiesSeed } from './seed';

/** `node dist/seed-main.js [--scale N] [--seed N]`: loads the demo book's opportunities slice once. */
runSeedCli(opportunitiesSeed, loadConfig(process.env));
