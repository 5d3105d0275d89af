import path from 'node:path';
import { bool, ConfigError, listenPort, num, readConfig, str, url, type BaseConfig } from '@crm/kernel';

/** Operation limits (src/edge/limits/) and subscription limits (src/subscriptions/subscription-slots.ts); each must be a whole number ≥ 1. */
const LIMIT_KEYS = [
  'MAX_DEPTH',
  'MAX_ALIASES',
  'MAX_ROOT_FIELDS',
  'MAX_DIRECTIVES',
  'MAX_TOKENS',
  'MAX_COST',
  'MAX_SUBSCRIPTIONS_PER_SOCKET',
  'MAX_SUBSCRIPTIONS_PER_USER',
] as const;

/** Units of a size such as "1mb": powers of 1024, as the `bytes` package express reads BODY_LIMIT with. */
const SIZE_UNITS: Record<string, number> = { kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30, tb: 2 ** 40, pb: 2 ** 50 };

/**
 * Bytes in a size such as "1mb", "512kb" or "1048576", read exactly as express reads BODY_LIMIT for
 * HTTP bodies, so a WebSocket message gets the same limit; NaN when it is no size.
 */
export function sizeInBytes(size: string): number {
  const match = /^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb)$/i.exec(size);
  if (!match) return parseInt(size, 10);
  return Math.floor(SIZE_UNITS[match[4].toLowerCase()] * parseFloat(match[1]));
}

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
  MAX_SUBSCRIPTIONS_PER_SOCKET: number;
  MAX_SUBSCRIPTIONS_PER_USER: number;
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
      BODY_LIMIT: str({ default: '1mb', desc: 'Largest accepted request body, and largest WebSocket message (a larger one closes the socket with 1009)' }),
      PLAYGROUND: bool({ default: true, desc: 'Serve the GraphiQL playground at /graphql for browsers (in production only to signed-in ADMIN and ANALYST users)' }),
      PLAYGROUND_TOKEN: str({ default: '', desc: 'Bearer token prefilled in the playground headers (development and test only; must be empty in production)' }),
      SUBSCRIPTION_QUEUE_LIMIT: num({ default: 1000, desc: 'Undelivered events a subscriber may hold before it is disconnected (close 1013)' }),
      // Each distinct subscription holds an upstream stream to a subgraph: one client must not open them without bound.
      MAX_SUBSCRIPTIONS_PER_SOCKET: num({ default: 50, desc: 'Live subscriptions one WebSocket connection may hold; one more is refused (SUBSCRIPTION_LIMIT) until one ends' }),
      MAX_SUBSCRIPTIONS_PER_USER: num({
        default: 200,
        desc: 'Live subscriptions one user may hold across all their WebSocket connections to this gateway instance; one more is refused (SUBSCRIPTION_LIMIT) until one ends',
      }),
      // Operation limits, for HTTP and WebSocket alike (src/edge/limits/). The defaults leave room for
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
  // An unreadable size would make express accept bodies of any size, and the WebSocket messages of any size with them.
  const bodyLimit = sizeInBytes(config.BODY_LIMIT);
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1) problems['BODY_LIMIT'] = `must be a size of at least 1 byte such as 1mb, 512kb or 65536, got "${config.BODY_LIMIT}"`;
  // In production each playground user signs in with their own token; one shared token shown to every visitor would undo that.
  if (config.NODE_ENV === 'production' && config.PLAYGROUND_TOKEN) {
    problems['PLAYGROUND_TOKEN'] = 'must be empty when NODE_ENV=production (playground users sign in with their own token)';
  }
  if (Object.keys(problems).length > 0) throw new ConfigError(problems);
  return config;
}

