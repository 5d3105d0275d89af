import type { BaseConfig, Logger, ServerHandle } from '@crm/kernel';
import { signedGraphqlRequest, type GraphQLResponse } from './graphql-request';
import { createTestDatabase, type TestDatabase } from './test-database';
import { TEST_GATEWAY_SIGNING_SECRET } from './test-gateway-signing';
import { testLogger } from './test-logger';
import { testToken } from './test-token';

/** A client error as tests compare it: its code, message, the fields it names and its path. */
export interface Problem {
  code: string | undefined;
  message: string;
  /** `extensions.problems[].field` of a BAD_USER_INPUT, in order; empty otherwise. */
  fields: string[];
  path: readonly (string | number)[] | undefined;
}

/** GraphQL calls to one endpoint with one bearer token (signed as the gateway signs them). */
export interface Caller {
  /** The whole answer, errors included. */
  call<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T> & { status: number }>;
  /** The data of an answer that must have no errors; otherwise throws with the errors. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The first error of an answer that must have one; otherwise throws with the data. */
  problem(query: string, variables?: Record<string, unknown>): Promise<Problem>;
}

/** A caller to `url` with `token` (none: anonymous), over the gateway's signature. */
export function callerOf(url: string, token?: string): Caller {
  const call = <T>(query: string, variables: Record<string, unknown> = {}) => signedGraphqlRequest<T>(url, query, variables, token);
  return {
    call,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const response = await call<T>(query, variables);
      if (response.errors?.length) throw new Error(`expected no errors, got ${JSON.stringify(response.errors)} for ${query.slice(0, 120)}`);
      return response.data as T;
    },
    async problem(query: string, variables?: Record<string, unknown>) {
      const response = await call(query, variables);
      const [error] = response.errors ?? [];
      if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.data)} for ${query.slice(0, 120)}`);
      const problems = (error.extensions?.problems ?? []) as { field: string }[];
      return { code: error.extensions?.code, message: error.message, fields: problems.map((p) => p.field), path: error.path };
    },
  };
}

/** One service started on a fresh database, for its integration tests. */
export interface ServiceUnderTest extends Caller {
  url: string;
  database: TestDatabase;
  /** Calls as whoever holds `token` (see `testToken`, `testPrincipal`); the service's own methods call as an ADMIN. */
  as(token: string | undefined): Caller;
  stop(): Promise<void>;
}

export interface ServiceHarnessOptions<C extends BaseConfig> {
  /** The service's own `loadConfig` and `start`, as its `main.ts` wires them. */
  loadConfig(env: NodeJS.ProcessEnv): Readonly<C>;
  start(config: Readonly<C>, logger: Logger): Promise<ServerHandle>;
  /** More configuration, e.g. a sibling's URL. */
  env?: NodeJS.ProcessEnv;
  /** The database to use (e.g. to restart on the same one); default a fresh one, dropped by `stop`. */
  database?: TestDatabase;
}

/**
 * Starts a service as production does (its own config and `start`), on a free port and a fresh
 * database, signed requests only, with the test token settings; `stop()` stops it and drops the
 * database it made.
 */
export async function startServiceUnderTest<C extends BaseConfig>(options: ServiceHarnessOptions<C>): Promise<ServiceUnderTest> {
  const database = options.database ?? (await createTestDatabase());
  const config = options.loadConfig({ DATABASE_URL: database.url, PORT: '0', NODE_ENV: 'test', GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SIGNING_SECRET, ...options.env });
  const handle = await options.start(config, testLogger);
  const admin = callerOf(handle.url, await testToken());
  return {
    ...admin,
    url: handle.url,
    database,
    as: (token) => callerOf(handle.url, token),
    async stop() {
      await handle.stop();
      if (!options.database) await database.drop();
    },
  };
}

export interface EventuallyOptions<T> {
  /** When the value read is the one awaited; default: any value but undefined, null and false. */
  until?: (value: T) => boolean;
  /** What is awaited, for the error message. */
  what?: string;
  /** Default 10 s: generous for a loaded CI machine, and it returns as soon as the value is there. */
  timeoutMs?: number;
  /** Default 20 ms. */
  intervalMs?: number;
}

/**
 * Reads `read` until its value is the awaited one and resolves with it; a read that throws counts
 * as not yet. Rejects after `timeoutMs` naming `what` and the last value or error.
 */
export async function eventually<T>(read: () => Promise<T> | T, options: EventuallyOptions<T> = {}): Promise<T> {
  const { until = (value: T) => value !== undefined && value !== null && (value as unknown) !== false, what = 'the expected state', timeoutMs = 10_000, intervalMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: string = 'nothing read';
  for (;;) {
    try {
      const value = await read();
      if (until(value)) return value;
      last = `last read ${JSON.stringify(value)?.slice(0, 200)}`;
    } catch (error) {
      last = `last error ${String((error as Error)?.message ?? error)}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${last})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
