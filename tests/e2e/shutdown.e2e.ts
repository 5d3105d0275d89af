import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, freePort, signedGraphqlRequest, startProcess, TEST_GATEWAY_SIGNING_SECRET, testToken, waitForReady, type TestDatabase, type TestProcess } from '@crm/testing';

const ACCOUNTS = path.resolve(__dirname, '../../services/accounts/dist/main.js');

/** SIGTERM as Kubernetes sends it: stop accepting, finish what is in flight, close the pool, exit 0. */
describe('graceful shutdown of a subgraph process', () => {
  let database: TestDatabase;
  let service: TestProcess;
  let url: string;
  let db: Client;

  beforeAll(async () => {
    database = await createTestDatabase('crm_shutdown');
    const port = await freePort();
    url = `http://127.0.0.1:${port}/graphql`;
    service = startProcess('accounts', ACCOUNTS, {
      NODE_ENV: 'test',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      PORT: String(port),
      GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SIGNING_SECRET,
    });
    await waitForReady(`http://127.0.0.1:${port}/ready`, [service]);
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await service?.stop();
    await database?.drop();
  });

  it('finishes a request in flight when SIGTERM arrives, refuses new connections meanwhile, and exits 0 with no pool left', async () => {
    const token = await testToken();
    // Hold the table so the request is provably in flight when the signal arrives.
    await db.query('BEGIN');
    await db.query('LOCK TABLE accounts.accounts IN ACCESS EXCLUSIVE MODE');
    const inFlight = signedGraphqlRequest(url, '{ accounts(first: 5) { totalCount } }', {}, token);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const exited = service.stop(10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(new URL('/health', url), { signal: AbortSignal.timeout(1_000) })).rejects.toThrow();

    await db.query('ROLLBACK');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ accounts: { totalCount: 0 } });
    expect(await exited).toBe(0);
    // The process closed its pool: no connection of it is left on the server.
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'crm-accounts' AND datname = current_database()`);
    expect(rows[0].n).toBe(0);
  });
});
