import 'reflect-metadata';
import { runMain } from '@crm/kernel';
import { loadConfig } from './config';
import { start } from './server';

runMain('opportunities', () => loadConfig(process.env), start);
