import path from 'node:path';
import { bool, listenPort, num, readConfig, str, url, type BaseConfig } from '@crm/kernel';

export interface GatewayConfig extends BaseConfig {
  PORT: number;
  ACCOUNTS_URL: string;
  OPPORTUNITIES_URL: string;
  ACTIVITIES_URL: string;
  SUPERGRAPH_PATH: string;
  SUBGRAPH_TIMEOUT_MS: number;
  CORS_ORIGINS: string;
  BODY_LIMIT: string;
  PLAYGROUND: boolean;
  PLAYGROUND_TOKEN: string;
  SUBSCRIPTION_QUEUE_LIMIT: number;
}

/** Reads and validates the gateway's configuration once; throws ConfigError naming bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv): Readonly<GatewayConfig> {
  return readConfig(env, {
      PORT: listenPort({ default: 4000, desc: 'HTTP (and, later, WebSocket) port of the gateway' }),
      ACCOUNTS_URL: url({ default: 'http://127.0.0.1:4001/graphql', desc: 'GraphQL URL of the accounts subgraph' }),
      OPPORTUNITIES_URL: url({ default: 'http://127.0.0.1:4002/graphql', desc: 'GraphQL URL of the opportunities subgraph' }),
      ACTIVITIES_URL: url({ default: 'http://127.0.0.1:4003/graphql', desc: 'GraphQL URL of the activities subgraph' }),
      SUPERGRAPH_PATH: str({
        default: path.join(__dirname, '..', '..', 'infra', 'supergraph.graphql'),
        desc: 'Composed supergraph SDL (made by `pnpm compose`)',
      }),
      SUBGRAPH_TIMEOUT_MS: num({ default: 10_000, desc: 'Timeout of each subgraph request' }),
      CORS_ORIGINS: str({ default: '', desc: 'Comma-separated browser origins allowed to call the API; empty allows none cross-origin' }),
      BODY_LIMIT: str({ default: '1mb', desc: 'Largest accepted request body' }),
      PLAYGROUND: bool({ default: true, desc: 'Serve the GraphiQL playground at /graphql for browsers' }),
      PLAYGROUND_TOKEN: str({ default: '', desc: 'Bearer token prefilled in the playground headers (development only)' }),
      SUBSCRIPTION_QUEUE_LIMIT: num({ default: 1000, desc: 'Undelivered events a subscriber may hold before it is disconnected (close 1013)' }),
  });
}
