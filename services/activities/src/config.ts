import { ConfigError, databaseConfigSpec, listenPort, num, readConfig, url, type ServiceConfig } from '@crm/kernel';

/** This service's keys besides the ones every subgraph has. */
export interface ActivitiesConfig {
  /** The opportunities subgraph, whose won deals (`dealStageChanged`) become onboarding plans here. */
  OPPORTUNITIES_URL: string;
  /** The accounts subgraph, asked for the owner of an account whose deal was won. */
  ACCOUNTS_URL: string;
  /** Days from completing a training to its refresher's due date. */
  REFRESHER_INTERVAL_DAYS: number;
}

/** Reads and validates this service's configuration once; throws ConfigError naming bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const config = readConfig(env, {
    ...databaseConfigSpec,
    PORT: listenPort({ default: 4003, desc: 'HTTP port of the activities subgraph' }),
    OPPORTUNITIES_URL: url({ default: 'http://127.0.0.1:4002/graphql', desc: 'GraphQL URL of the opportunities subgraph; its won deals start onboarding plans' }),
    ACCOUNTS_URL: url({ default: 'http://127.0.0.1:4001/graphql', desc: 'GraphQL URL of the accounts subgraph; asked who owns the account of a won deal' }),
    REFRESHER_INTERVAL_DAYS: num({ default: 365, desc: 'Days from completing a training to its refresher reminder' }),
  });
  const days = config.REFRESHER_INTERVAL_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new ConfigError({ REFRESHER_INTERVAL_DAYS: `must be a whole number of days from 1 to 3650, got "${days}"` });
  }
  return config;
}

export type Config = ServiceConfig & ActivitiesConfig;

/** What resolvers need from the config (`ctx.settings`). */
export interface ActivitySettings {
  refresherIntervalDays: number;
}
