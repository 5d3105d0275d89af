import { bool, cleanEnv, makeValidator, num, str, type CleanedEnv, type ValidatorSpec } from 'envalid';

/** Raised when an environment variable is missing or malformed; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: Record<string, string>) {
    super(
      'Invalid configuration:\n' +
        Object.entries(problems)
          .map(([name, problem]) => `  ${name}: ${problem}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** A development-only signing secret; processes log loudly when they fall back to it. */
export const DEVELOPMENT_JWT_SECRET = 'crm-development-secret-do-not-use-in-production';

/** A development-only key for gateway → subgraph request signatures; processes log loudly when they fall back to it. */
export const DEVELOPMENT_GATEWAY_SIGNING_SECRET = 'crm-development-gateway-signing-secret-do-not-use-in-production';

/** An http(s) URL, or empty for "not set". */
const optionalHttpUrl = makeValidator<string>((input) => {
  const value = String(input ?? '').trim();
  if (!value) return '';
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`must be an http(s) URL or empty, got "${value}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`must be an http(s) URL or empty, got "${value}"`);
  return value;
});

/** Keys every process shares. Each service adds its own in its `config.ts`. */
export const baseConfigSpec = {
  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development', desc: 'Runtime mode' }),
  LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
  LOG_FORMAT: str({ choices: ['pretty', 'json'], default: 'pretty', desc: 'pretty for humans, json for log shippers' }),
  JWT_SECRET: str({ default: '', desc: 'HS256 secret for bearer tokens; development default when empty' }),
  JWT_ISSUER: str({ default: 'crm' }),
  JWT_AUDIENCE: str({ default: 'crm-api' }),
  JWKS_URL: optionalHttpUrl({
    default: '',
    desc: 'JSON Web Key Set of the identity provider; when set, only RS256/ES256 tokens signed by its keys are accepted (JWT_SECRET is then not used to verify)',
  }),
  GATEWAY_SIGNING_SECRET: str({
    default: '',
    desc: 'Shared HMAC key: the gateway signs every subgraph request with it, subgraphs refuse anything unsigned; development default when empty',
  }),
  HOST: str({ default: '127.0.0.1', desc: 'Interface to listen on' }),
  SERVICE_TOKEN: str({
    default: '',
    desc: 'Bearer token a service uses to call its siblings (event consumers) when JWKS_URL is set; without JWKS_URL the service mints its own short-lived one',
  }),
};

export type BaseConfig = CleanedEnv<typeof baseConfigSpec>;

/**
 * Validates `env` against the base keys plus `spec` once, at start.
 * Throws {@link ConfigError} naming each bad variable instead of exiting, so callers decide how to stop.
 */
export function readConfig<S extends Record<string, ValidatorSpec<unknown>>>(
  env: NodeJS.ProcessEnv,
  spec: S,
): Readonly<CleanedEnv<typeof baseConfigSpec & S>> {
  const merged = { ...baseConfigSpec, ...spec } as typeof baseConfigSpec & S;
  const config = cleanEnv(env, merged, {
    reporter: ({ errors }) => {
      const problems = Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, (e as Error).message]));
      if (Object.keys(problems).length > 0) throw new ConfigError(problems);
    },
  });
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET && !config.JWKS_URL) {
    throw new ConfigError({ JWT_SECRET: 'must be set when NODE_ENV=production (or set JWKS_URL)' });
  }
  if (config.NODE_ENV === 'production' && !config.GATEWAY_SIGNING_SECRET) {
    throw new ConfigError({ GATEWAY_SIGNING_SECRET: 'must be set when NODE_ENV=production' });
  }
  return config as Readonly<CleanedEnv<typeof baseConfigSpec & S>>;
}

export { num, str, bool, url } from 'envalid';

/** A TCP port to listen on, 0–65535; 0 lets the OS pick a free one (tests). */
export const listenPort = makeValidator<number>((input) => {
  const value = Number(input);
  if (!/^\d+$/.test(String(input).trim()) || value > 65535) throw new Error(`must be a port number 0–65535, got "${input}"`);
  return value;
});

/** Keys of every process that owns a database schema (the three subgraphs). */
export const databaseConfigSpec = {
  DATABASE_URL: str({ desc: 'postgres:// URL of the database (the launcher sets it to its embedded server)' }),
  DB_POOL_SIZE: num({ default: 10, desc: 'Connections in the pool' }),
  DEMO_SEED_SCALE: num({ default: 0, desc: "Above 0: on start, load the demo book at this scale into the service's tables if they are empty (pnpm start sets it)" }),
};

/** What every subgraph process reads: the base keys, its database and its HTTP port. */
export type ServiceConfig = Readonly<BaseConfig & { DATABASE_URL: string; DB_POOL_SIZE: number; DEMO_SEED_SCALE: number; PORT: number }>;
