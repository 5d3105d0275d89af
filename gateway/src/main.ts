import { runMain } from '@crm/kernel';
import { loadConfig } from './config';
import { start } from './server';

runMain('gateway', () => loadConfig(process.env), start);
