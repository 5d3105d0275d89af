import 'reflect-metadata';
import type { ServiceHandle } from '@crm/kernel/subgraph';
import { eventually, startServiceUnderTest, testToken, withServerClient, type GraphQLResponse, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

/** Nothing about the database may reach a client: no SQL, no host, no driver message. */
const LEAKS = /SELECT|INSERT|FROM |postgres|127\.0\.0\.1|localhost|terminat|ECONN|crm_test_/i;

describe('accounts subgraph when its database connection is lost', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let token: string;
  const count = () => service.as(token).call('{ accounts { totalCount } }');

  /** Kills every backend of the service's database, as a failover or a restart of PostgreSQL would. */
  const terminateConnections = () =>
    withServerClient(async (client) => {
      const { rowCount } = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [service.database.name]);
      return rowCount ?? 0;
    });
  const allowConnections = (allow: boolean) => withServerClient((client) => client.query(`ALTER DATABASE "${service.database.name}" ALLOW_CONNECTIONS ${allow}`));

  /** Either an answer or a retryable SERVICE_UNAVAILABLE; never a masked internal error. */
  function expectAnswerOrRetryable(response: GraphQLResponse & { status: number }) {
    expect(JSON.stringify(response)).not.toMatch(LEAKS);
    if (!response.errors) {
      expect(response.data?.accounts.totalCount).toBe(1);
      return;
    }
    for (const error of response.errors) {
      expect(error).toMatchObject({
        message: 'The database is temporarily unreachable; retry shortly',
        extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, requestId: expect.any(String) },
      });
    }
  }

  /** Polls until a request succeeds; every answer on the way must be an answer or retryable, and none may fail to arrive. */
  async function untilAnswered(timeoutMs: number): Promise<number> {
    const started = Date.now();
    const answers: (GraphQLResponse & { status: number })[] = [];
    const failures: unknown[] = [];
    await eventually(
      async () => {
        const response = await count().catch((error: unknown) => {
          failures.push(error);
          throw error;
        });
        answers.push(response);
        return !response.errors;
      },
      { what: 'the service to recover', timeoutMs, intervalMs: 100 },
    );
    expect(failures).toEqual([]);
    for (const response of answers) expectAnswerOrRetryable(response);
    return Date.now() - started;
  }

  beforeAll(async () => {
    service = await startServiceUnderTest({
      loadConfig,
      start,
      env: { DB_POOL_SIZE: '4' },
    });
    const [admin] = await service.handle.db.query(`INSERT INTO accounts.users (email, first_name, last_name, role) VALUES ('admin@crm.example', 'Ada', 'Admin', 'ADMIN') RETURNING id`);
    token = await testToken({ userId: admin.id });
    const created = await service.as(token).call('mutation { createAccount(input: { name: "Globex" }) { id } }');
    expect(created.errors).toBeUndefined();
  });

  afterAll(async () => {
    await allowConnections(true).catch(() => undefined);
    await service?.stop();
  });

  it('answers requests during a connection loss or asks to retry, and recovers by itself within seconds', async () => {
    expect((await count()).data?.accounts.totalCount).toBe(1);
    // Requests in flight while every connection of the pool is killed.
    const during = Array.from({ length: 12 }, () => count());
    expect(await terminateConnections()).toBeGreaterThan(0);
    const after = Array.from({ length: 12 }, () => count());
    for (const response of await Promise.all([...during, ...after])) expectAnswerOrRetryable(response);
    expect(await untilAnswered(5_000)).toBeLessThan(5_000);
    const ready = await fetch(new URL('/ready', service.url));
    expect(ready.status).toBe(200);
  });

  it('during a longer outage answers SERVICE_UNAVAILABLE and /ready 503, then recovers when the database accepts connections again', async () => {
    await allowConnections(false);
    await terminateConnections();
    const during = await count();
    expectAnswerOrRetryable(during);
    expect(during.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const ready = await fetch(new URL('/ready', service.url));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'degraded', checks: [{ name: 'database', status: 'down' }] });

    await allowConnections(true);
    expect(await untilAnswered(5_000)).toBeLessThan(5_000);
    expect((await fetch(new URL('/ready', service.url))).status).toBe(200);
  });
});
