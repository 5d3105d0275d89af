import path from 'node:path';
import { bool, ConfigError, listenPort, num, readConfig, str, url, type BaseConfig } from '@crm/kernel';

/** Operation limits (src/limits/); each must be a whole number ≥ 1. */
const LIMIT_KEYS = ['MAX_DEPTH', 'MAX_ALIASES', 'MAX_ROOT_FIELDS', 'MAX_DIRECTIVES', 'MAX_TOKENS', 'MAX_COST'] as const;

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
  MAX_DEPTH: number;
  MAX_ALIASES: number;
  MAX_ROOT_FIELDS: number;
  MAX_DIRECTIVES: number;
  MAX_TOKENS: number;
  MAX_COST: number;
}

/** Reads and validates the gateway's configuration once; throws ConfigError naming bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv): Readonly<GatewayConfig> {
  const config = readConfig(env, {
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
      PLAYGROUND: bool({ default: true, desc: 'Serve the GraphiQL playground at /graphql for browsers (in production only to signed-in ADMIN and ANALYST users)' }),
      PLAYGROUND_TOKEN: str({ default: '', desc: 'Bearer token prefilled in the playground headers (development and test only; must be empty in production)' }),
      SUBSCRIPTION_QUEUE_LIMIT: num({ default: 1000, desc: 'Undelivered events a subscriber may hold before it is disconnected (close 1013)' }),
      // Operation limits, for HTTP and WebSocket alike (src/limits/). The defaults leave room for
      // the deepest screen of the app (depth 10, cost ~1200) and refuse bombs.
      MAX_DEPTH: num({ default: 12, desc: 'Deepest field nesting of an operation, fragments expanded' }),
      MAX_ALIASES: num({ default: 30, desc: 'Aliased fields per operation' }),
      MAX_ROOT_FIELDS: num({ default: 10, desc: 'Fields at the root of an operation' }),
      MAX_DIRECTIVES: num({ default: 50, desc: 'Directives per operation' }),
      MAX_TOKENS: num({ default: 5000, desc: 'Lexical tokens per document, enforced while parsing' }),
      MAX_COST: num({ default: 50_000, desc: 'Cost per operation: 1 per field, a paginated subtree times its `first` (20 when absent)' }),
  });
  // A limit of 0 would refuse everything and a fraction is a typo: both stop the process.
  const problems = Object.fromEntries(
    LIMIT_KEYS.filter((key) => !Number.isInteger(config[key]) || config[key] < 1).map((key) => [key, `must be a whole number ≥ 1, got "${config[key]}"`]),
  );
  // In production each playground user signs in with their own token; one shared token shown to every visitor would undo that.
  if (config.NODE_ENV === 'production' && config.PLAYGROUND_TOKEN) {
    problems['PLAYGROUND_TOKEN'] = 'must be empty when NODE_ENV=production (playground users sign in with their own token)';
  }
  if (Object.keys(problems).length > 0) throw new ConfigError(problems);
  return config;
}

