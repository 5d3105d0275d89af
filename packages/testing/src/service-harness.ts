import type { BaseConfig, Logger, ServerHandle } from '@crm/kernel';
import { callerOf, type Caller } from './caller';
import { createTestDatabase, type TestDatabase } from './test-database';
import { TEST_GATEWAY_SIGNING_SECRET } from './test-gateway-signing';
import { testLogger } from './test-logger';
import { testToken } from './test-token';

/** One service started on a fresh database, for its integration tests. */
export interface ServiceUnderTest<H extends ServerHandle = ServerHandle> extends Caller {
  /** What the service's `start` returned (e.g. its `db`, for tests that look at the tables). */
  handle: H;
  url: string;
  database: TestDatabase;
  /** Calls as whoever holds `token` (see `testToken`, `testPrincipal`); the service's own methods call as an ADMIN. */
  as(token: string | undefined): Caller;
  stop(): Promise<void>;
}

export interface ServiceHarnessOptions<C extends BaseConfig, H extends ServerHandle = ServerHandle> {
  /** The service's own `loadConfig` and `start`, as its `main.ts` wires them. */
  loadConfig(env: NodeJS.ProcessEnv): Readonly<C>;
  start(config: Readonly<C>, logger: Logger): Promise<H>;
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
export async function startServiceUnderTest<C extends BaseConfig, H extends ServerHandle>(options: ServiceHarnessOptions<C, H>): Promise<ServiceUnderTest<H>> {
  const database = options.database ?? (await createTestDatabase());
  const config = options.loadConfig({ DATABASE_URL: database.url, PORT: '0', NODE_ENV: 'test', GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SIGNING_SECRET, ...options.env });
  const handle = await options.start(config, testLogger);
  const admin = callerOf(handle.url, await testToken());
  return {
    ...admin,
    handle,
    url: handle.url,
    database,
    as: (token) => callerOf(handle.url, token),
    async stop() {
      await handle.stop();
      if (!options.database) await database.drop();
    },
  };
}
