import path from 'node:path';
import { REPO_ROOT, type LauncherConfig } from './config';

export const SUBGRAPHS = ['accounts', 'opportunities', 'activities'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export function subgraphPort(config: LauncherConfig, name: SubgraphName): number {
  return { accounts: config.ACCOUNTS_PORT, opportunities: config.OPPORTUNITIES_PORT, activities: config.ACTIVITIES_PORT }[name];
}

export function subgraphScript(name: SubgraphName, script: 'main' | 'seed-main'): string {
  return path.join(REPO_ROOT, 'services', name, 'dist', `${script}.js`);
}

export const GATEWAY_SCRIPT = path.join(REPO_ROOT, 'gateway', 'dist', 'main.js');
