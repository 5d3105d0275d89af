import { Client } from 'pg';
import { callerOf, createTestDatabase, startBuiltSubgraph, testToken, type TestDatabase, type TestProcess } from '@crm/testing';

/** SIGTERM as Kubernetes sends it: stop accepting, finish what is in flight, close the pool, exit 0. */
describe('graceful shutdown of a subgraph process', () => {
  let database: TestDatabase;
  let service: TestProcess;
  let url: string;
  let db: Client;

  beforeAll(async () => {
    database = await createTestDatabase('crm_shutdown');
    ({ process: service, url } = await startBuiltSubgraph('accounts', database.url));
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
    const inFlight = callerOf(url, token).call('{ accounts(first: 5) { totalCount } }');
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
