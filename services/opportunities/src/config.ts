import { databaseConfigSpec, listenPort, readConfig, url, type ServiceConfig } from '@crm/kernel';

export type Config = ServiceConfig & Readonly<{ ACCOUNTS_URL: string }>;

/** Reads and validates this service's configuration once; throws ConfigError naming bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return readConfig(env, {
    ...databaseConfigSpec,
    PORT: listenPort({ default: 4002, desc: 'HTTP port of the opportunities subgraph' }),
    ACCOUNTS_URL: url({
      default: 'http://127.0.0.1:4001/graphql',
      desc: 'GraphQL URL of the accounts subgraph, asked (signed, with the caller\'s token) where a new buying-committee member works',
    }),
  });
}
