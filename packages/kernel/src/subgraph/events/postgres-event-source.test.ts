import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { decodeEventCursor } from '../../core/events/event-cursor';
import type { LoggedEvent } from './event-source';
import { PostgresEventSource, type PostgresEventSourceOptions } from './postgres-event-source';
import { PostgresNotificationListener } from './postgres-notification-listener';
import { createTestDatabase, testLogger as logger, type TestDatabase } from '../../test-server.fixture';

// This file makes its own database on the test server.
const CHANNEL = 'kernel_test_events';
const LOCK = 7_000_000_999;

interface TestEvent {
  topic: string;
  body: string;
}

/** Collects `count` events from `stream`, failing after `timeoutMs`. */
async function take<E>(stream: AsyncIterator<LoggedEvent<E>>, count: number, timeoutMs = 5_000): Promise<LoggedEvent<E>[]> {
  const taken: LoggedEvent<E>[] = [];
  const deadline = Date.now() + timeoutMs;
  while (taken.length < count) {
    const left = deadline - Date.now();
    const next = await Promise.race([
      stream.next(),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, left)).unref()),
    ]);
    if (next === 'timeout') throw new Error(`expected ${count} events within ${timeoutMs} ms, got ${taken.length}: ${JSON.stringify(taken.map((e) => e.event))}`);
    if (next.done) throw new Error(`the stream ended after ${taken.length} of ${count} events`);
    taken.push(next.value);
  }
  return taken;
}

/** Resolves with the next result, or 'pending' when none comes within `ms`. */
function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms).unref())]);
}

describe('PostgresEventSource against a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let listener: PostgresNotificationListener;
  const applicationName = `kernel-test-listener-${randomBytes(4).toString('hex')}`;
  const sources: PostgresEventSource<TestEvent, string | null>[] = [];

  /** Writes one event the way services must: advisory lock, insert, notify, commit. */
  const write = async (topic: string, body: string, notify = true): Promise<string> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK]);
      const { rows } = await client.query('INSERT INTO test_events.log (topic, body) VALUES ($1, $2) RETURNING seq::text AS seq', [topic, body]);
      if (notify) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, rows[0].seq]);
      await client.query('COMMIT');
      return rows[0].seq;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  const source = (options: Partial<PostgresEventSourceOptions<TestEvent, string | null>> = {}) => {
    const created = new PostgresEventSource<TestEvent, string | null>({
      listener,
      channel: CHANNEL,
      table: 'test_events.log',
      columns: 'seq, topic, body',
      query: async (sql, values) => (await pool.query(sql, values)).rows,
      // The scope is a topic, or null for every topic.
      predicate: (topic) => (topic === null ? { text: 'true', values: [] } : { text: 'topic = $1', values: [topic] }),
      toEvent: (row) => ({ topic: row.topic as string, body: row.body as string }),
      logger,
      ...options,
    });
    sources.push(created);
    return created;
  };

  beforeAll(async () => {
    database = await createTestDatabase('crm_kernel_events');
    pool = new Pool({ connectionString: database.url, max: 12 });
    // An idle pool client whose backend the reconnect test's pg_terminate_backend catches (or any
    // other drop) is reported here; the pool replaces it. Without a listener it would be an unhandled error.
    pool.on('error', (error) => logger.warn({ err: error }, 'idle test pool client lost'));
    await pool.query('CREATE SCHEMA test_events');
    await pool.query('CREATE TABLE test_events.log (seq bigserial PRIMARY KEY, topic text NOT NULL, body text NOT NULL)');
    listener = new PostgresNotificationListener({ url: database.url, logger, applicationName, initialBackoffMs: 1_000 });
    await listener.start();
  });

  afterAll(async () => {
    await Promise.all(sources.map((s) => s.close()));
    await listener?.close();
    await pool?.end();
    await database?.drop();
  });

  it('streams every event after a cursor in order, then live ones, and never one twice', async () => {
    const events = source({ batchSize: 2 });
    const before = await events.head();
    for (const body of ['a1', 'a2', 'a3']) await write('a', body);

    // Without `after`: only what is committed from now on.
    const live = events.stream({ after: null, scope: 'a' });
    const firstLive = live.next();
    expect(await settlesWithin(firstLive, 300)).toBe('pending');
    await write('a', 'a4');
    expect((await firstLive).value.event.body).toBe('a4');

    // With `after`: everything after it, across several batches of 2, then live ones.
    const resumed = events.stream({ after: before, scope: 'a' });
    const caughtUp = await take(resumed, 4);
    expect(caughtUp.map((e) => e.event.body)).toEqual(['a1', 'a2', 'a3', 'a4']);
    await write('a', 'a5');
    const [a5] = await take(resumed, 1);
    expect(a5!.event.body).toBe('a5');
    const seqs = [...caughtUp, a5!].map((e) => decodeEventCursor(e.cursor));
    expect(seqs).toEqual([...seqs].sort((x, y) => (x < y ? -1 : 1)));
    expect(new Set(seqs).size).toBe(5);
    expect(await events.head()).toBe(a5!.cursor);

    // Resuming from the middle starts right after that event.
    const fromMiddle = events.stream({ after: caughtUp[1]!.cursor, scope: 'a' });
    expect((await take(fromMiddle, 3)).map((e) => e.event.body)).toEqual(['a3', 'a4', 'a5']);
    await Promise.all([live.return!(), resumed.return!(), fromMiddle.return!()]);
  });

  it('applies the scope as a SQL predicate, per event', async () => {
    const events = source();
    const onlyB = events.stream({ after: null, scope: 'b' });
    const everything = events.stream({ after: null, scope: null });
    // Let both streams take their starting position before writing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const [topic, body] of [['c', 'c1'], ['b', 'b1'], ['c', 'c2'], ['b', 'b2']]) await write(topic!, body!);
    expect((await take(onlyB, 2)).map((e) => e.event.body)).toEqual(['b1', 'b2']);
    expect((await take(everything, 4)).map((e) => e.event.body)).toEqual(['c1', 'b1', 'c2', 'b2']);
    await Promise.all([onlyB.return!(), everything.return!()]);
  });

  it('ends at once when return() is called while it waits, when its signal aborts, and when the source closes', async () => {
    const events = source({ pollIntervalMs: 60_000 });
    const stream = events.stream({ after: null, scope: 'quiet' });
    const waiting = stream.next();
    expect(await settlesWithin(waiting, 200)).toBe('pending');
    const started = Date.now();
    await stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(Date.now() - started).toBeLessThan(1_000);

    const controller = new AbortController();
    const withSignal = events.stream({ after: null, scope: 'quiet', signal: controller.signal });
    const pending = withSignal.next();
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });

    const other = events.stream({ after: null, scope: 'quiet' });
    const otherPending = other.next();
    await events.close();
    expect(await otherPending).toEqual({ value: undefined, done: true });
    expect(await events.stream({ after: null, scope: 'quiet' }).next()).toEqual({ value: undefined, done: true });
  });

  it('wakes by its safety poll when a notification never comes', async () => {
    const events = source({ pollIntervalMs: 300 });
    const stream = events.stream({ after: await events.head(), scope: 'silent' });
    await write('silent', 's1', false);
    expect((await take(stream, 1, 2_000)).map((e) => e.event.body)).toEqual(['s1']);
    await stream.return!();
  });

  it('reconnects after the database drops its LISTEN connection and catches up with what was committed meanwhile', async () => {
    // No poll within the test: only notifications and the reconnect wake-up can deliver.
    const events = source({ pollIntervalMs: 60_000 });
    const stream = events.stream({ after: await events.head(), scope: 'r' });
    await write('r', 'r1');
    expect((await take(stream, 1)).map((e) => e.event.body)).toEqual(['r1']);
    // Let the stream settle into waiting (a late notification of r1 may wake it once more first).
    const next = stream.next();
    expect(await settlesWithin(next, 300)).toBe('pending');

    await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    for (const deadline = Date.now() + 5_000; listener.connected && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listener.connected).toBe(false);
    // Committed while nobody listens: its notification is lost for good.
    await write('r', 'r2');
    expect(await settlesWithin(next, 10_000)).toMatchObject({ value: { event: { body: 'r2' } } });
    expect(listener.connected).toBe(true);
    // And live notifications flow again on the new connection.
    await write('r', 'r3');
    expect((await take(stream, 1, 2_000)).map((e) => e.event.body)).toEqual(['r3']);
    await stream.return!();
  });

  it('loses and repeats nothing while many writers commit concurrently under the advisory lock', async () => {
    const events = source();
    const stream = events.stream({ after: await events.head(), scope: 'load' });
    const writes = Promise.all(
      Array.from({ length: 10 }, async (_, worker) => {
        for (let i = 0; i < 20; i++) await write('load', `${worker}-${i}`);
      }),
    );
    const received = await take(stream, 200, 20_000);
    await writes;
    const seqs = received.map((e) => decodeEventCursor(e.cursor));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!).toBe(true);
    expect(new Set(received.map((e) => e.event.body)).size).toBe(200);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM test_events.log WHERE topic = 'load'`);
    expect(rows[0].n).toBe(200);
    expect(await settlesWithin(stream.next(), 300)).toBe('pending');
    await stream.return!();
  });
});
