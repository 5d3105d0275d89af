import { databaseConfigSpec, listenPort, readConfig, url, type ServiceConfig } from '@crm/kernel';

/** This service's keys besides the ones every subgraph has. */
export interface AccountsConfig {
  /** The activities subgraph, whose `interactionLogged` stream keeps `account_interactions` (and so `staleAccounts`) current. */
  ACTIVITIES_URL: string;
  /** The opportunities subgraph, whose `openPipelineChanged` stream keeps `account_open_pipeline` (segments over open pipeline) current. */
  OPPORTUNITIES_URL: string;
}

/** Reads and validates this service's configuration once; throws ConfigError naming bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return readConfig(env, {
    ...databaseConfigSpec,
    PORT: listenPort({ default: 4001, desc: 'HTTP port of the accounts subgraph' }),
    ACTIVITIES_URL: url({ default: 'http://127.0.0.1:4003/graphql', desc: 'GraphQL URL of the activities subgraph; its interaction events feed staleAccounts' }),
    OPPORTUNITIES_URL: url({ default: 'http://127.0.0.1:4002/graphql', desc: 'GraphQL URL of the opportunities subgraph; its open-pipeline events feed segments' }),
  });
}

export type Config = ServiceConfig & AccountsConfig;
