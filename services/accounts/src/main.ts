import 'reflect-metadata';
import { runMain } from '@crm/kernel';
import { loadConfig } from './config';
import { start } from './server';

runMain('accounts', () => loadConfig(process.env), start);
