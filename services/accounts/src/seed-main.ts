import 'reflect-metadata';
import { runSeedCli } from '@crm/kernel/subgraph';
import { loadConfig } from './config';
import { accountsSeed } from './seed';

/** `node dist/seed-main.js [--scale N] [--seed N]`: loads the demo book's accounts slice once. */
runSeedCli(accountsSeed, loadConfig(process.env));
