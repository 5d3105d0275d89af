import 'reflect-metadata';
import { runMain } from '@crm/kernel';
import { loadConfig } from './config';
import { start } from './server';

runMain('activities', () => loadConfig(process.env), start);
