import 'reflect-metadata';
import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL, serviceTokenSource } from '../auth/service-token';
import type { Principal } from '../../core/auth/principal';
import { principalFromHeader } from '../../core/auth/tokens';
import { ConfigError, DEVELOPMENT_JWT_SECRET } from '../../core/config/base-config';
import type { ServerHandle } from '../../core/http/server-handle';
import { startSubgraphServer } from '../http/start-subgraph-server';
import { metricsRegistry } from '../../core/metrics/metrics';
import { encodeEventCursor } from '../../core/events/event-cursor';
import { EventConsumer } from './event-consumer';
import { mapAsyncIterator } from './map-async-iterator';
import { PostgresEventSource } from './postgres-event-source';
import { PostgresNotificationListener } from './postgres-notification-listener';
import { createTestDatabase, testLogger as logger, type TestDatabase } from '../../test-server.fixture';

// This file makes its own database on the test server, and its own sibling subgraph in-process.
const SIGNING_SECRET = 'consumer-test-signing-secret';
const TOKENS = { secret: DEVELOPMENT_JWT_SECRET, issuer: 'crm', audience: 'crm-api' };
const CHANNEL = 'consumer_test_events';
const SUBSCRIPTION = 'subscription Feed($after: String) { testEvents(after: $after) { cursor body } }';

interface TestEvent {
  cursor: string;
  body: string;
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const found = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = found?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return Number(value?.value ?? 0);
}

describe('EventConsumer against a real PostgreSQL and an in-process sibling subgraph', () => {
  let database: TestDatabase;
  let db: DataSource;
  let listener: PostgresNotificationListener;
  let source: PostgresEventSource<{ body: string }, null>;
  let sibling: ServerHandle | null = null;
  /** The sibling's port: any free one at first, the same one when it restarts. */
  let port = 0;
  /** What each subscription asked for and who asked. */
  const subscriptions: { after: string | null; principal: Principal }[] = [];
  /** When true, the sibling ignores `after` and replays its whole log: every event comes again. */
  let replayEverything = false;
  /** Handler calls per body, committed or not. */
  const calls = new Map<string, number>();
  /** Bodies whose handler throws the first time. */
  const failOnce = new Set<string>();
  const consumers: EventConsumer<TestEvent>[] = [];

  const write = async (body: string): Promise<string> => {
    const [row] = await db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(7000000777)');
      return manager.query(`INSERT INTO consumer_test.log (body) VALUES ($1) RETURNING seq::text AS seq, pg_notify($2, seq::text)`, [body, CHANNEL]);
    });
    return encodeEventCursor(row.seq);
  };
  const handledBodies = async (): Promise<string[]> =>
    (await db.query('SELECT body FROM consumer_test.handled ORDER BY seq')).map((row: { body: string }) => row.body);

  /** The sibling: `testEvents(after)` streams the log table through a PostgresEventSource, like a real subgraph. */
  async function startSibling(): Promise<void> {
    const event = new GraphQLObjectType({
      name: 'TestEvent',
      fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, body: { type: new GraphQLNonNull(GraphQLString) } },
    });
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: {
          testEvents: {
            type: new GraphQLNonNull(event),
            args: { after: { type: GraphQLString } },
            subscribe: (_root, args: { after?: string | null }, context: { principal: Principal }) => {
              subscriptions.push({ after: args.after ?? null, principal: context.principal });
              const after = replayEverything ? encodeEventCursor(0) : (args.after ?? null);
              return mapAsyncIterator(source.stream({ after, scope: null }), (logged) => ({ cursor: logged.cursor, body: logged.event.body }));
            },
            resolve: (payload: TestEvent) => payload,
          },
        },
      }),
    });
    sibling = await startSubgraphServer({
      schema,
      logger,
      host: '127.0.0.1',
      port,
      context: {
        authenticate: (credentials) => principalFromHeader(credentials.authorization, TOKENS),
        create: (principal, requestId) => ({ requestId, principal }),
      },
      readiness: [],
      gatewaySigningSecret: SIGNING_SECRET,
    });
    port = sibling.port;
  }

  function consumer(options: { signingSecret?: string } = {}): EventConsumer<TestEvent> {
    const created = new EventConsumer<TestEvent>({
      name: 'test.feed',
      sibling: { url: `http://127.0.0.1:${port}/graphql`, signingSecret: options.signingSecret ?? SIGNING_SECRET, token: serviceTokenSource({ JWKS_URL: '', SERVICE_TOKEN: '' }, TOKENS) },
      subscription: SUBSCRIPTION,
      db,
      logger,
      initialBackoffMs: 50,
      maxBackoffMs: 300,
      handle: async (event, { manager, since }) => {
        expect(since).toBeInstanceOf(Date);
        calls.set(event.body, (calls.get(event.body) ?? 0) + 1);
        // A primary key: handling an event twice would fail loudly rather than pass unnoticed.
        await manager.query('INSERT INTO consumer_test.handled (body) VALUES ($1)', [event.body]);
        if (failOnce.delete(event.body)) throw new Error(`handler of ${event.body} crashed`);
      },
    });
    consumers.push(created);
    return created;
  }

  beforeAll(async () => {
    database = await createTestDatabase('crm_kernel_consumer');
    db = new DataSource({ type: 'postgres', url: database.url, schema: 'consumer_test', entities: [] });
    await db.initialize();
    await db.query('CREATE SCHEMA consumer_test');
    await db.query('CREATE TABLE consumer_test.log (seq bigserial PRIMARY KEY, body text NOT NULL)');
    // The table every consuming service creates in its own schema (docs/events.md).
    await db.query(`CREATE TABLE consumer_test.event_cursors (
      consumer text PRIMARY KEY, cursor text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`);
    await db.query('CREATE TABLE consumer_test.handled (seq bigserial, body text PRIMARY KEY)');
    listener = new PostgresNotificationListener({ url: database.url, logger });
    await listener.start();
    source = new PostgresEventSource<{ body: string }, null>({
      listener,
      channel: CHANNEL,
      table: 'consumer_test.log',
      columns: 'seq, body',
      query: (sql, values) => db.query(sql, values),
      predicate: () => ({ text: 'true', values: [] }),
      toEvent: (row) => ({ body: row.body as string }),
      logger,
    });
    await startSibling();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await sibling?.stop();
    await source?.close();
    await listener?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('handles every event once, in order, and after a restart resumes right after the last one it handled', async () => {
    for (const body of ['a1', 'a2', 'a3']) await write(body);
    const first = consumer();
    await first.start();
    await until(async () => (await handledBodies()).length === 3, 5_000, 'three handled events');
    const third = await first.cursor();
    await first.stop();
    expect(subscriptions.at(-1)!.after).toBe(encodeEventCursor(0));

    const a5 = await write('a4').then(() => write('a5'));
    const second = consumer();
    await second.start();
    await until(async () => (await handledBodies()).length === 5, 5_000, 'five handled events');
    expect(subscriptions.at(-1)!.after).toBe(third);
    expect(await handledBodies()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(await second.cursor()).toBe(a5);
    await second.stop();
  });

  it('skips events delivered again, and two replicas never both handle one', async () => {
    replayEverything = true;
    const duplicatesBefore = await metric('crm_event_consumer_events_total', { consumer: 'test.feed', outcome: 'duplicate' });
    const replicas = [consumer(), consumer()];
    await Promise.all(replicas.map((r) => r.start()));
    for (const body of ['b1', 'b2', 'b3']) await write(body);
    await until(async () => (await handledBodies()).length === 8, 5_000, 'the new events');
    // Each replica was sent the five old events again, and each new event reached both.
    await until(
      async () => (await metric('crm_event_consumer_events_total', { consumer: 'test.feed', outcome: 'duplicate' })) - duplicatesBefore >= 13,
      5_000,
      'every redelivery skipped',
    );
    expect(await handledBodies()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3']);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    await Promise.all(replicas.map((r) => r.stop()));
    replayEverything = false;
  });

  it('leaves nothing behind when a handler fails, and retries that same event until it succeeds', async () => {
    failOnce.add('c1');
    const failuresBefore = await metric('crm_event_consumer_failures_total', { consumer: 'test.feed' });
    const running = consumer();
    await running.start();
    await write('c1');
    await write('c2');
    await until(async () => (await handledBodies()).includes('c2'), 5_000, 'c2 handled');
    expect((await handledBodies()).slice(-2)).toEqual(['c1', 'c2']);
    expect(calls.get('c1')).toBe(2);
    expect(calls.get('c2')).toBe(1);
    expect(await metric('crm_event_consumer_failures_total', { consumer: 'test.feed' })).toBe(failuresBefore + 1);
    await running.stop();
  });

  it('keeps retrying with backoff while the sibling is down and catches up once it is back', async () => {
    const running = consumer();
    await running.start();
    await until(async () => (await metric('crm_event_consumer_connected', { consumer: 'test.feed' })) === 1, 5_000, 'connected');
    await sibling!.stop();
    sibling = null;
    await write('d1');
    await until(async () => (await metric('crm_event_consumer_connected', { consumer: 'test.feed' })) === 0, 5_000, 'disconnected');
    const failuresWhileDown = await metric('crm_event_consumer_failures_total', { consumer: 'test.feed' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    // Several attempts in 700 ms (backoff 50 ms doubling to 300 ms), none of them handled anything.
    expect(await metric('crm_event_consumer_failures_total', { consumer: 'test.feed' })).toBeGreaterThan(failuresWhileDown + 1);
    expect(await handledBodies()).not.toContain('d1');
    await startSibling();
    await until(async () => (await handledBodies()).includes('d1'), 5_000, 'd1 handled after the sibling came back');
    expect(calls.get('d1')).toBe(1);
    await running.stop();
  });

  it('connects as the system principal (role ADMIN) with a token it minted, signed as the gateway; an unsigned connection is refused', async () => {
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const { principal } of subscriptions) expect(principal).toEqual(SYSTEM_PRINCIPAL);

    const count = subscriptions.length;
    const wronglySigned = consumer({ signingSecret: 'not-the-secret' });
    await wronglySigned.start();
    await write('e1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(subscriptions.length).toBe(count);
    expect(await handledBodies()).not.toContain('e1');
    await wronglySigned.stop();
  });

  it('takes SERVICE_TOKEN as is in JWKS mode, and refuses to start without it', async () => {
    const settings = { ...TOKENS, jwks: async () => Promise.reject(new Error('unused')) };
    expect(() => serviceTokenSource({ JWKS_URL: 'https://idp.example/jwks', SERVICE_TOKEN: '' }, settings as never)).toThrow(ConfigError);
    expect(() => serviceTokenSource({ JWKS_URL: 'https://idp.example/jwks', SERVICE_TOKEN: '' }, settings as never)).toThrow(/SERVICE_TOKEN/);
    expect(await serviceTokenSource({ JWKS_URL: 'https://idp.example/jwks', SERVICE_TOKEN: 'issued-token' }, settings as never)()).toBe('issued-token');
  });

  it('mints a short-lived HS256 token and a new one when it nears expiry', async () => {
    let now = Date.now();
    const tokens = serviceTokenSource({ JWKS_URL: '', SERVICE_TOKEN: '' }, TOKENS, () => now);
    const first = await tokens();
    expect(await tokens()).toBe(first);
    const principal = await principalFromHeader(`Bearer ${first}`, TOKENS);
    expect(principal).toEqual(SYSTEM_PRINCIPAL);
    const { exp, iat } = JSON.parse(Buffer.from(first.split('.')[1]!, 'base64url').toString());
    expect(exp - iat).toBe(600);
    now += 9 * 60_000;
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a new `iat`, so a different token
    expect(await tokens()).not.toBe(first);
  });
});
