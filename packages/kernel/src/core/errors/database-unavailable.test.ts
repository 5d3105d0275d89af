import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { GraphQLError } from 'graphql';
import { QueryFailedError, type DataSource } from 'typeorm';
import { createDataSource } from '../../subgraph/db/data-source';
import { isDatabaseUnavailable } from './database-unavailable';
import { formatError } from './format-error';
import { testLogger as logger, testServerUrl, withServerClient as admin } from '../../test-server.fixture';

// The real cases use their own database on the test server.

/** What a client sees when a resolver at `path` threw `error`. */
function asSeenByClient(error: Error) {
  const located = new GraphQLError(error.message, { path: ['accounts'], originalError: error });
  return formatError({ message: located.message, path: ['accounts'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, located);
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT * FROM accounts.accounts WHERE id = $1', ['x'], driverError);

describe('isDatabaseUnavailable', () => {
  it('recognises connection failures, wrapped in QueryFailedError or not', () => {
    const cases = [
      wrapped(pgError('57P01', 'terminating connection due to administrator command')),
      wrapped(pgError('08006', 'connection failure')),
      wrapped(new Error('Connection terminated unexpectedly')),
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated due to connection timeout'),
      pgError('57P03', 'the database system is starting up'),
      pgError('55000', 'database "crm" is not currently accepting connections'),
      pgError('53300', 'sorry, too many clients already'),
    ];
    for (const error of cases) expect({ message: error.message, unavailable: isDatabaseUnavailable(error) }).toEqual({ message: error.message, unavailable: true });
  });

  it('leaves statement errors, failed calls to other services and everything else alone', () => {
    const cases = [
      wrapped(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', severity: 'ERROR' })),
      wrapped(Object.assign(new Error('not currently accepting'), { code: '55000', severity: 'ERROR' })),
      wrapped(new Error('Query read timeout')),
      new Error('Cannot read properties of undefined'),
      Object.assign(new Error('08006 in a message is not a code'), { code: 'E08006' }),
      new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4001'), { code: 'ECONNREFUSED' }) }),
      null,
      'Connection terminated',
    ];
    for (const error of cases) expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('formatError on a lost database connection', () => {
  it('answers SERVICE_UNAVAILABLE, retryable, without the driver message, SQL or host', () => {
    const formatted = asSeenByClient(wrapped(pgError('57P01', 'terminating connection due to administrator command at 10.0.0.7')));
    expect(formatted).toEqual({
      message: 'The database is temporarily unreachable; retry shortly',
      path: ['accounts'],
      locations: undefined,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    });
  });

  it('still masks other failures as INTERNAL_SERVER_ERROR', () => {
    expect(asSeenByClient(wrapped(pgError('42P01', 'relation "accounts.accounts" does not exist'))).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('errors node-postgres and TypeORM really raise', () => {
  const name = `crm_kernel_unavailable_${randomBytes(4).toString('hex')}`;
  let db: DataSource;

  const dataSource = (url: string, poolSize = 2) => createDataSource({ url, schema: 'public', entities: [], migrations: [], logger, poolSize });
  const databaseUrl = () => {
    const url = new URL(testServerUrl());
    url.pathname = `/${name}`;
    return url.toString();
  };
  const terminateAll = () =>
    admin((client) => client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]));
  const failureOf = (run: Promise<unknown>) => run.then(() => null, (error: unknown) => error);
  /**
   * `SELECT 1` until it succeeds: right after a loss the pool may still hand out a client whose
   * socket is dead (it drops it on that error), so a few attempts may fail, but only as unavailable.
   */
  async function untilAnswered(timeoutMs = 5_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const error = await failureOf(db.query('SELECT 1 AS one'));
      if (!error) return db.query('SELECT 1 AS one');
      expect(isDatabaseUnavailable(error)).toBe(true);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE "${name}"`));
    db = dataSource(databaseUrl());
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy().catch(() => undefined);
    await admin(async (client) => {
      await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it('a query whose backend is terminated mid-statement is unavailable, and the pool recovers', async () => {
    const sleeping = failureOf(db.query('SELECT pg_sleep(10)'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await terminateAll();
    const error = await sleeping;
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await untilAnswered()).toEqual([{ one: 1 }]);
  });

  it('a database refusing new connections is unavailable until it accepts them again', async () => {
    await admin((client) => client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`));
    await terminateAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const error = await failureOf(db.query('SELECT 1'));
    expect(isDatabaseUnavailable(error)).toBe(true);
    await admin((client) => client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`));
    expect(await untilAnswered()).toEqual([{ one: 1 }]);
  });

  it('a server that refuses the TCP connection is unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failureOf(dataSource(`postgres://crm:crm@127.0.0.1:${port}/crm`).initialize());
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
