import { Counter, Gauge } from 'prom-client';
import type { Logger } from 'pino';
import { metricsRegistry } from '../../core/metrics/metrics';
import { decodeEventCursor, encodeEventCursor } from '../../core/events/event-cursor';
import type { EventSource, EventStreamOptions, LoggedEvent } from './event-source';
import type { PostgresNotificationListener } from './postgres-notification-listener';
import { sleep, WakeSignal } from './wake-signal';

/** A SQL boolean expression over the log table's columns, with `$1`, `$2`, … bound to `values`. */
export interface SqlPredicate {
  text: string;
  values: unknown[];
}

/** Admits every event. */
export const ALL_EVENTS: SqlPredicate = { text: 'true', values: [] };

/**
 * Builds a `SqlPredicate`: conditions ANDed together, positional parameters (`$1`, `$2`, …) numbered
 * as `param` adds them. Event sources' predicates use it for their authorization and filters.
 */
export class SqlPredicateBuilder {
  private readonly values: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds `value` and returns its placeholder. */
  readonly param = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };

  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  build(): SqlPredicate {
    return { text: this.conditions.length ? this.conditions.join(' AND ') : 'true', values: this.values };
  }
}

export type Row = Record<string, unknown>;

export interface PostgresEventSourceOptions<E, S> {
  /** The process's LISTEN connection. */
  listener: PostgresNotificationListener;
  /** The channel writers `pg_notify` on when they commit an event (payload: its `seq`, unused beyond waking). */
  channel: string;
  /**
   * The log: a schema-qualified table with a unique bigint `seq` column whose order is the commit
   * order (writers take one advisory lock before taking a `seq`, see docs/events.md). Trusted SQL.
   */
  table: string;
  /** Select list; must include `seq`. Trusted SQL. Default `*`. */
  columns?: string;
  /** Runs a read on the service's pool, e.g. `(sql, values) => dataSource.query(sql, values)`. */
  query: (sql: string, values: unknown[]) => Promise<Row[]>;
  /** What a scope may read and wants to, as SQL: authorization and filters are checked per event, in the database. */
  predicate: (scope: S) => SqlPredicate;
  /** Turns a row into the event handed to subscribers. Default: the row without `seq` (the cursor carries it). */
  toEvent?: (row: Row) => E;
  logger: Logger;
  /** Rows read per query while catching up. Default 500. */
  batchSize?: number;
  /** Safety poll while idle, in case a notification was lost. Default 5 000 ms. */
  pollIntervalMs?: number;
}

const openStreams = new Gauge({
  name: 'crm_event_streams_open',
  help: "Event streams (subscriptions) currently open, by channel and subscriber (client, or service: a sibling's event consumer)",
  labelNames: ['channel', 'subscriber'] as const,
  registers: [metricsRegistry],
});

/**
 * Reads of event logs by streams (catch-up pages, wake-ups and the idle safety poll) and head
 * lookups. They are SQL queries like any other (`crm_db_queries_total` counts them too), but they run
 * in the background for as long as a stream is open: subtract them to measure what a request costs.
 */
const logReads = new Counter({
  name: 'crm_event_log_reads_total',
  help: 'SQL reads of event logs by open event streams (also counted in crm_db_queries_total), by channel',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

const eventsDelivered = new Counter({
  name: 'crm_events_delivered_total',
  help: 'Events handed to subscribers, by channel',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

/**
 * {@link EventSource} over a PostgreSQL table used as a transactional outbox. Each stream reads
 * `WHERE (<scope predicate>) AND seq > <last> ORDER BY seq LIMIT <batch>` until it has caught up,
 * then sleeps until a NOTIFY on `channel` (or a reconnect of the listener, or the safety poll)
 * wakes it. Order and exactly-once delivery come from `seq`, never from notifications.
 */
export class PostgresEventSource<E, S> implements EventSource<E, S> {
  private readonly streams = new Set<{ wake: WakeSignal; controller: AbortController }>();
  private readonly unlisten: () => void;
  private closed = false;

  constructor(private readonly options: PostgresEventSourceOptions<E, S>) {
    this.unlisten = options.listener.listen(options.channel, () => {
      for (const stream of this.streams) stream.wake.wake();
    });
  }

  async head(): Promise<string> {
    return encodeEventCursor(await this.newestSeq());
  }

  stream(options: EventStreamOptions<S>): AsyncIterableIterator<LoggedEvent<E>> {
    // Decode now, so a bad cursor fails the call rather than the first read.
    const after = options.after === null ? null : decodeEventCursor(options.after);
    const predicate = this.options.predicate(options.scope);
    const controller = new AbortController();
    const abort = () => controller.abort();
    if (options.signal?.aborted || this.closed) controller.abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
    const entry = { wake: new WakeSignal(), controller };
    this.streams.add(entry);
    const labels = { channel: this.options.channel, subscriber: options.subscriber ?? 'client' };
    openStreams.inc(labels);
    const cleanup = () => {
      if (!this.streams.delete(entry)) return;
      options.signal?.removeEventListener('abort', abort);
      openStreams.dec(labels);
    };
    // "From now on" means from this call, not from the first `next()`: read the head at once.
    const start = after !== null ? Promise.resolve(after) : this.retrying(() => this.newestSeq(), controller.signal);
    start.catch(() => undefined);
    const generator = this.read(start, predicate, entry.wake, controller.signal, cleanup);

    // An async generator queues `return()` behind a pending `next()`; aborting first wakes that
    // `next()`, which then ends the generator, so unsubscribing never waits for another event.
    const iterator: AsyncIterableIterator<LoggedEvent<E>> = {
      next: () => generator.next(),
      return: async () => {
        controller.abort();
        await generator.return(undefined);
        cleanup(); // in case the generator never started, so its `finally` did not run
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unlisten();
    for (const stream of this.streams) stream.controller.abort();
  }

  private async newestSeq(): Promise<bigint> {
    logReads.inc({ channel: this.options.channel });
    const [row] = await this.options.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM ${this.options.table}`, []);
    return BigInt(row!.seq as string);
  }

  private async *read(
    start: Promise<bigint | undefined>,
    predicate: SqlPredicate,
    wake: WakeSignal,
    signal: AbortSignal,
    cleanup: () => void,
  ): AsyncGenerator<LoggedEvent<E>, void, undefined> {
    const { table, columns = '*', batchSize = 500, pollIntervalMs = 5_000, channel } = this.options;
    const n = predicate.values.length;
    const sql = `SELECT ${columns} FROM ${table} WHERE (${predicate.text}) AND seq > $${n + 1} ORDER BY seq LIMIT ${Number(batchSize)}`;
    try {
      let last = await start;
      if (last === undefined) return;
      while (!signal.aborted) {
        // Arm before reading: a commit notified while we read must not be slept through.
        wake.reset();
        const rows = await this.retrying(() => {
          logReads.inc({ channel });
          return this.options.query(sql, [...predicate.values, last!.toString()]);
        }, signal);
        if (rows === undefined) return;
        for (const row of rows) {
          if (signal.aborted) return;
          const seq = BigInt(row.seq as string);
          last = seq;
          eventsDelivered.inc({ channel });
          yield { cursor: encodeEventCursor(seq), event: (this.options.toEvent ?? withoutSeq<E>)(row) };
        }
        if (rows.length >= batchSize) continue;
        // A little jitter keeps idle streams from polling in lockstep.
        await wake.wait(pollIntervalMs * (0.8 + Math.random() * 0.4), signal);
      }
    } finally {
      cleanup();
    }
  }

  /** Runs `read` until it succeeds (the database may be away for a while) or `signal` aborts (→ undefined). */
  private async retrying<T>(read: () => Promise<T>, signal: AbortSignal): Promise<T | undefined> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        return await read();
      } catch (error) {
        if (signal.aborted) return undefined;
        this.options.logger.warn({ err: error, channel: this.options.channel, attempt: attempt + 1 }, 'reading the event log failed; retrying');
        await sleep(Math.min(5_000, 100 * 2 ** attempt), signal);
      }
    }
    return undefined;
  }
}

function withoutSeq<E>({ seq: _seq, ...row }: Row): E {
  return row as unknown as E;
}
