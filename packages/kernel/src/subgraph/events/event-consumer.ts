import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { metricsRegistry } from '../../core/metrics/metrics';
import { compareEventCursors, encodeEventCursor } from '../../core/events/event-cursor';
import { subgraphSocket } from '../../core/ws/subgraph-socket';
import type { SiblingConnection } from './sibling-connection';
import { sleep, WakeSignal } from './wake-signal';

/** What a consumed subscription delivers: at least the event's `cursor` (docs/events.md). */
export interface ConsumedEvent {
  cursor: string;
}

/** What a handler gets besides the event. */
export interface ConsumedEventContext<P> {
  /** The transaction the cursor is advanced in: write through it, or the write is not exactly-once. */
  manager: EntityManager;
  /** What `prepare` returned for this event (undefined without `prepare`). */
  prepared: P;
  /**
   * When this consumer first started against this database (its `event_cursors` row was made).
   * A consumer replays its sibling's log from the beginning; a handler that must not act on events
   * from before the feature existed compares their time with this.
   */
  since: Date;
  /** The consumer's name. */
  consumer: string;
}

export interface EventConsumerOptions<E extends ConsumedEvent, P = undefined> {
  /** Unique per consuming service, e.g. `activities.onboarding`: the key of its row in `event_cursors`. */
  name: string;
  /** The sibling subgraph (its HTTP URL; the socket goes to the same path over ws/wss) and how to sign in. */
  sibling: SiblingConnection;
  /**
   * The subscription document. It must declare `$after: String` and pass it as the field's `after`
   * argument, and select `cursor`: `subscription ($after: String) { dealStageChanged(after: $after) { cursor … } }`.
   */
  subscription: string;
  /** Other variables of the subscription. */
  variables?: Record<string, unknown>;
  /** The consuming service's database; `event_cursors` is in its schema. */
  db: DataSource;
  logger: Logger;
  /**
   * Optional work before the transaction, e.g. a lookup in another sibling: outside the
   * transaction so no connection and lock is held while waiting on the network. A throw is a
   * failure of this event: nothing is written and the event is retried. `since` as in the handler's context.
   */
  prepare?: (event: E, context: { since: Date }) => Promise<P>;
  /**
   * Reacts to one event inside the transaction that then advances the cursor: both commit or
   * neither does. Must be idempotent by itself too (unique constraints), as a second line of defence.
   * A throw rolls back, and the consumer resubscribes after a backoff and retries the same event.
   */
  handle: (event: E, context: ConsumedEventContext<P>) => Promise<void>;
  /** When the event happened, for the lag metric. */
  eventTime?: (event: E) => Date | string | null | undefined;
  /** First delay before resubscribing after a failure, doubled per failure (with jitter). Default 250 ms. */
  initialBackoffMs?: number;
  /** Longest delay between attempts. Default 10 000 ms. */
  maxBackoffMs?: number;
  /**
   * Events received but not yet handled that the consumer holds; beyond it, it unsubscribes,
   * finishes what it holds and resubscribes from its cursor (a long backlog never fills memory). Default 500.
   */
  maxBuffered?: number;
  /** graphql-ws ping interval. Default 10 000 ms. */
  keepAliveMs?: number;
}

/** What a service starts and stops with it (`ServiceDefinition.consumers`). */
export interface Consumer {
  readonly name: string;
  /** Makes sure the cursor row exists, then consumes in the background until `stop()`. */
  start(): Promise<void>;
  /** Ends the subscription, lets a handler that is running commit, and resolves once idle. */
  stop(): Promise<void>;
}

const consumedEvents = new Counter({
  name: 'crm_event_consumer_events_total',
  help: 'Events a consumer received, by consumer and outcome (handled, or duplicate: already handled and skipped)',
  labelNames: ['consumer', 'outcome'] as const,
  registers: [metricsRegistry],
});

const consumerFailures = new Counter({
  name: 'crm_event_consumer_failures_total',
  help: 'Failed subscriptions and handler runs of a consumer (each is retried after a backoff), by consumer',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});

const consumerLag = new Gauge({
  name: 'crm_event_consumer_lag_seconds',
  help: 'Time between the last handled event happening and its handler committing, by consumer',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});

const consumerConnected = new Gauge({
  name: 'crm_event_consumer_connected',
  help: '1 while a consumer is subscribed to its sibling, 0 while it is not (sibling down, backing off)',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});

const lastHandled = new Gauge({
  name: 'crm_event_consumer_last_handled_timestamp_seconds',
  help: 'Unix time at which a consumer last handled an event, by consumer',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});

/** The root field the subscription selects: where each result carries its event. */
function rootField(subscription: string): string {
  const operation = parse(subscription).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const field = operation?.operation === 'subscription' ? operation.selectionSet.selections[0] : undefined;
  if (!field || field.kind !== Kind.FIELD || operation!.selectionSet.selections.length !== 1) {
    throw new Error('EventConsumer: expected a subscription with exactly one root field');
  }
  if (!operation!.variableDefinitions?.some((v) => v.variable.name.value === 'after')) {
    throw new Error('EventConsumer: the subscription must declare $after: String and pass it as `after`');
  }
  return field.alias?.value ?? field.name.value;
}

/** A close event or error from graphql-ws, in words for the log. */
function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'number') {
    const { code, reason } = error as { code: number; reason?: string };
    return `socket closed with ${code}${reason ? ` (${reason})` : ''}`;
  }
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

type SessionOutcome = {
  /** Why the session ended, if it failed. */
  error?: unknown;
  /** At least one event was handled: the next failure starts the backoff afresh. */
  progressed: boolean;
  /** It let go of the stream because its buffer was full: resubscribe at once. */
  overflow?: boolean;
};

/**
 * Reacts, exactly once, to the events of a sibling subgraph's subscription (docs/events.md,
 * "Consuming events in another service"):
 * - subscribes over graphql-ws, signed like the gateway and authenticated as the system principal
 *   (token and signature made anew for every connection), from the cursor it stored last;
 * - runs each event's handler in one transaction with the update of its cursor in
 *   `<schema>.event_cursors(consumer text primary key, cursor text, created_at, updated_at)`, under a
 *   row lock, skipping any event at or before the stored cursor: a crash or restart resumes right
 *   after the last committed event, a redelivered event changes nothing, and two replicas of the
 *   service never both handle one;
 * - when the sibling is down or anything fails, resubscribes from its cursor with exponential
 *   backoff and jitter (250 ms doubling to 10 s), for as long as the service runs.
 * A consumer without a stored cursor starts at the beginning of the sibling's log.
 */
export class EventConsumer<E extends ConsumedEvent, P = undefined> implements Consumer {
  private readonly controller = new AbortController();
  private readonly field: string;
  private readonly table: string;
  private running: Promise<void> | null = null;
  private since: Date | null = null;
  /**
   * The cursor as this process last read or wrote it. Resubscribing and skipping redeliveries use it
   * without a query (an idle consumer sends no SQL); the locked read in the transaction decides.
   */
  private known: string | null = null;

  constructor(private readonly options: EventConsumerOptions<E, P>) {
    this.field = rootField(options.subscription);
    const schema = (options.db.options as { schema?: string }).schema ?? 'public';
    this.table = `"${schema.replace(/"/g, '""')}".event_cursors`;
  }

  get name(): string {
    return this.options.name;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.options.db.query(`INSERT INTO ${this.table} (consumer) VALUES ($1) ON CONFLICT (consumer) DO NOTHING`, [this.name]);
    const [row] = await this.options.db.query(`SELECT cursor, created_at AS "createdAt" FROM ${this.table} WHERE consumer = $1`, [this.name]);
    this.since = new Date(row.createdAt);
    this.known = row.cursor ?? null;
    consumerConnected.set({ consumer: this.name }, 0);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  /** The stored cursor: the last event handled, or null before the first. */
  async cursor(): Promise<string | null> {
    const [row] = await this.options.db.query(`SELECT cursor FROM ${this.table} WHERE consumer = $1`, [this.name]);
    return row?.cursor ?? null;
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private async run(): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 10_000;
    let failures = 0;
    while (!this.signal.aborted) {
      const outcome = await this.session().catch((error: unknown): SessionOutcome => ({ error, progressed: false }));
      if (this.signal.aborted) break;
      if (outcome.progressed) failures = 0;
      if (outcome.overflow && outcome.error === undefined) continue;
      if (outcome.error !== undefined) {
        consumerFailures.inc({ consumer: this.name });
        this.options.logger[failures >= 3 ? 'error' : 'warn'](
          { consumer: this.name, sibling: this.options.sibling.url, attempt: failures + 1, reason: describe(outcome.error) },
          'event consumer failed; resubscribing from its cursor after a backoff',
        );
      }
      const delay = Math.min(max, initial * 2 ** failures);
      failures += 1;
      await sleep(delay / 2 + Math.random() * (delay / 2), this.signal);
    }
  }

  /** One subscription from the stored cursor until it fails, ends or the consumer stops. */
  private async session(): Promise<SessionOutcome> {
    const after = this.known ?? encodeEventCursor(0);
    const maxBuffered = this.options.maxBuffered ?? 500;
    const queue: E[] = [];
    const wake = new WakeSignal();
    let ended: { error?: unknown; overflow?: boolean } | null = null;
    let progressed = false;
    let stopStream: (() => void) | undefined;
    const end = (outcome: { error?: unknown; overflow?: boolean }) => {
      ended ??= outcome;
      // Let go at once: the sibling stops sending what would only be dropped and sent again.
      stopStream?.();
      wake.wake();
    };
    const { sibling } = this.options;
    // This loop resubscribes itself, from the stored cursor and with a fresh token.
    const client = subgraphSocket({
      url: sibling.url,
      signingSecret: sibling.signingSecret,
      credentials: async () => ({ authorization: `Bearer ${await sibling.token()}` }),
      keepAliveMs: this.options.keepAliveMs,
      retry: 'never',
      on: {
        connected: () => {
          consumerConnected.set({ consumer: this.name }, 1);
          this.options.logger.debug({ consumer: this.name, sibling: sibling.url }, 'event consumer connected');
        },
        closed: () => consumerConnected.set({ consumer: this.name }, 0),
      },
    });
    const unsubscribe = client.subscribe<Record<string, E>>(
      { query: this.options.subscription, variables: { ...this.options.variables, after } },
      {
        next: (result) => {
          if (ended) return;
          if (result.errors?.length) {
            const codes = result.errors.map((e) => `${(e.extensions as { code?: string } | undefined)?.code ?? 'ERROR'} ${e.message}`).join('; ');
            return end({ error: new Error(`the sibling answered with errors: ${codes}`) });
          }
          const event = result.data?.[this.field];
          if (!event || typeof event.cursor !== 'string') return end({ error: new Error(`expected ${this.field} with a cursor, got ${JSON.stringify(result.data)?.slice(0, 200)}`) });
          queue.push(event);
          // Let go of the stream rather than buffer a long backlog; what was dropped comes again after the cursor.
          if (queue.length >= maxBuffered) end({ overflow: true });
          wake.wake();
        },
        error: (error) => end({ error: error ?? new Error('the subscription failed') }),
        complete: () => end({ error: new Error('the sibling ended the subscription') }),
      },
    );
    let stopped = false;
    stopStream = () => {
      if (stopped) return;
      stopped = true;
      unsubscribe();
    };
    if (ended) stopStream();
    try {
      while (!this.signal.aborted) {
        wake.reset();
        const event = queue.shift();
        if (event) {
          await this.handleOne(event);
          progressed = true;
          continue;
        }
        if (ended) break;
        await wake.wait(60_000, this.signal);
      }
    } catch (error) {
      return { error, progressed };
    } finally {
      stopStream();
      await client.dispose();
      consumerConnected.set({ consumer: this.name }, 0);
    }
    const outcome = ended as { error?: unknown; overflow?: boolean } | null;
    return { error: outcome?.error, overflow: outcome?.overflow, progressed };
  }

  /** Handles `event` unless it is at or before the stored cursor; handler and cursor commit together. */
  private async handleOne(event: E): Promise<void> {
    // Skip a redelivered event before `prepare` does any work for it; the locked check below decides.
    if (this.known !== null && compareEventCursors(this.known, event.cursor) >= 0) {
      consumedEvents.inc({ consumer: this.name, outcome: 'duplicate' });
      return;
    }
    const since = this.since!;
    const prepared = (this.options.prepare ? await this.options.prepare(event, { since }) : undefined) as P;
    const outcome = await this.options.db.transaction(async (manager) => {
      // The row lock serialises replicas of this service: the second waits, then sees the new cursor.
      const [row] = await manager.query(`SELECT cursor FROM ${this.table} WHERE consumer = $1 FOR UPDATE`, [this.name]);
      if (row?.cursor && compareEventCursors(row.cursor, event.cursor) >= 0) return { outcome: 'duplicate' as const, cursor: row.cursor as string };
      await this.options.handle(event, { manager, prepared, since, consumer: this.name });
      await manager.query(`UPDATE ${this.table} SET cursor = $2, updated_at = now() WHERE consumer = $1`, [this.name, event.cursor]);
      return { outcome: 'handled' as const, cursor: event.cursor };
    });
    // Only after commit: a rolled-back event must come again.
    this.known = outcome.cursor;
    consumedEvents.inc({ consumer: this.name, outcome: outcome.outcome });
    if (outcome.outcome === 'handled') {
      lastHandled.set({ consumer: this.name }, Date.now() / 1000);
      const at = this.options.eventTime?.(event);
      if (at) consumerLag.set({ consumer: this.name }, Math.max(0, (Date.now() - new Date(at).getTime()) / 1000));
    }
  }
}
