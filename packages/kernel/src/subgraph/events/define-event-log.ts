import type { ClassType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { ADVISORY_LOCKS, lockUntilCommit } from '../db/advisory-locks';
import type { EventResources } from '../http/start-service';
import type { EventSource } from './event-source';
import { eventLogResolver, type EventLogResolverOptions } from './event-log-resolver';
import { PostgresEventSource, type Row, type SqlPredicate } from './postgres-event-source';
import type { LogScope } from './subscribe-to-log';

/**
 * The event logs of the platform, each named for its subscription field: the entries of
 * ADVISORY_LOCKS with a fixed bigint key, which only event logs have.
 */
export type EventLogName = {
  [K in keyof typeof ADVISORY_LOCKS]: (typeof ADVISORY_LOCKS)[K] extends number ? K : never;
}[keyof typeof ADVISORY_LOCKS];

/** What a service says about one of its event logs; the kernel derives the rest. */
export interface EventLogDefinition<E, F> {
  /** The subscription field, e.g. `dealStageChanged`; the head query is `<name>Cursor`, the source `ctx.events.<name>`. */
  name: EventLogName;
  /** The NOTIFY channel writers wake readers on (the payload, the newest `seq`, is a wake-up only). */
  channel: string;
  /** The outbox: a schema-qualified table with a unique bigint `seq` in commit order. Trusted SQL. */
  table: string;
  /** Select list of an event, including `seq`. Trusted SQL. */
  columns: string;
  /** What a subscription may read and asked for, as SQL over the table's columns (authorization, then the filter). */
  predicate: (scope: LogScope<F>) => SqlPredicate;
  /** Turns a row into its event. Default: the row without `seq`. */
  toEvent?: (row: Row) => E;
}

/** One event log, declared once: its writer's step, its source, and its GraphQL fields. */
export interface EventLog<E, F extends object> extends Readonly<EventLogDefinition<E, F>> {
  /** The advisory lock every writer holds from taking a `seq` until it commits (ADVISORY_LOCKS). */
  readonly lock: number;
  /**
   * Appends events inside the caller's transaction, the one way every writer of the log does:
   * 1. takes the log's lock, held until commit: `seq` values are then handed out in commit order, so
   *    a reader that sees seq N can never later see a smaller one commit (docs/events.md);
   * 2. runs `outbox`, SQL whose last common table expression is
   *    `recorded AS (INSERT INTO <table> … RETURNING seq)`, with `values` bound to `$1`, `$2`, …;
   * 3. `pg_notify`s the newest seq on the channel, which PostgreSQL delivers only if and when the
   *    transaction commits (once: identical notifications of one transaction are folded into one).
   * Keep the work after this call short: every other writer of the log waits for this commit.
   * Resolves with the new rows' seqs (decimal strings), in order.
   */
  append(manager: EntityManager, outbox: string, values: unknown[]): Promise<string[]>;
  /** The log as a PostgreSQL event source, for `ServiceDefinition.events` under the log's name. */
  source(resources: EventResources): PostgresEventSource<E, LogScope<F>>;
  /** This log's source in a context's `events` (`ServiceDefinition.events` put it under the log's name). */
  from(context: { events: object }): EventSource<E, LogScope<F>>;
  /**
   * The resolver of `Query.<name>Cursor` and `Subscription.<name>(filter, after)`. Extend it with
   * the payload's field resolvers: `@Resolver(() => Payload) class R extends log.resolver({ … }) {}`.
   * Call it where the resolver is declared: the SDL lists fields in the order they are declared.
   */
  resolver<P extends object>(options: EventLogResolverOptions<E, F, P>): ClassType<object>;
}

/** The event source of a log, as a service's `ctx.events` types it: `EventLogSource<typeof dealStageChangedLog>`. */
export type EventLogSource<L> = L extends EventLog<infer E, infer F> ? EventSource<E, LogScope<F>> : never;

/**
 * Declares an event log (a transactional outbox read by subscriptions), once for its writers, its
 * event source and its GraphQL fields. `E` is an event as subscribers' resolvers get it, `F` the
 * filter input of its subscription. The service keeps what is its own: the outbox SQL its writers
 * pass to `append`, and the predicate.
 */
export function defineEventLog<E, F extends object>(definition: EventLogDefinition<E, F>): EventLog<E, F> {
  const lock = ADVISORY_LOCKS[definition.name];
  const log: EventLog<E, F> = {
    ...definition,
    lock,
    async append(manager, outbox, values) {
      await lockUntilCommit(manager, lock);
      const rows: { seq: string }[] = await manager.query(
        `${outbox}
         SELECT seq::text AS seq, pg_notify($${values.length + 1}::text, (max(seq) OVER ())::text) FROM recorded ORDER BY seq`,
        [...values, definition.channel],
      );
      return rows.map((row) => row.seq);
    },
    source: ({ db, listener, logger }) =>
      new PostgresEventSource<E, LogScope<F>>({
        listener,
        channel: definition.channel,
        table: definition.table,
        columns: definition.columns,
        query: (sql, values) => db.query(sql, values),
        predicate: definition.predicate,
        toEvent: definition.toEvent,
        logger,
      }),
    from(context) {
      const source = (context.events as Partial<Record<string, EventSource<E, LogScope<F>>>>)[definition.name];
      if (!source) throw new Error(`ctx.events has no ${definition.name}: the service's events must include ${definition.name}'s source`);
      return source;
    },
    resolver: (options) => eventLogResolver(log, options),
  };
  return log;
}
