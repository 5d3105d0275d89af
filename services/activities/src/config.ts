import { databaseConfigSpec, listenPort, readConfig, type ServiceConfig } from '@crm/kernel';

/** Reads and validates this service's configuration once; throws ConfigError naming bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  return readConfig(env, {
    ...databaseConfigSpec,
    PORT: listenPort({ default: 4003, desc: 'HTTP port of the activities subgraph' }),
  });
}

export type Config = ServiceConfig;
