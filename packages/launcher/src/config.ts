import path from 'node:path';
import { listenPort, num, readConfig, str, type BaseConfig } from '@crm/kernel';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface LauncherConfig extends BaseConfig {
  DATABASE_URL: string;
  CRM_DATA_DIR: string;
  EMBEDDED_PG_PORT: number;
  GATEWAY_PORT: number;
  ACCOUNTS_PORT: number;
  OPPORTUNITIES_PORT: number;
  ACTIVITIES_PORT: number;
  SEED_SCALE: number;
}

/** Reads the launcher's configuration; throws ConfigError naming bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv): Readonly<LauncherConfig> {
  return readConfig(env, {
    DATABASE_URL: str({ default: '', desc: 'Use this PostgreSQL instead of the embedded one' }),
    CRM_DATA_DIR: str({ default: path.join(REPO_ROOT, '.data'), desc: 'Where the embedded PostgreSQL keeps its files' }),
    EMBEDDED_PG_PORT: listenPort({ default: 5488, desc: 'Port of the embedded PostgreSQL' }),
    GATEWAY_PORT: listenPort({ default: 4000 }),
    ACCOUNTS_PORT: listenPort({ default: 4001 }),
    OPPORTUNITIES_PORT: listenPort({ default: 4002 }),
    ACTIVITIES_PORT: listenPort({ default: 4003 }),
    SEED_SCALE: num({ default: 1, desc: 'Size of the demo book loaded on first start' }),
  });
}
