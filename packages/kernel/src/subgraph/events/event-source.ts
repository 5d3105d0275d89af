/**
 * A durable, ordered log of events that subscribers read from a position onwards. The GraphQL layer
 * only sees this interface; PostgreSQL is the default implementation (`postgres-event-source.ts`),
 * and a broker (Redis Streams, NATS JetStream) can implement it later without changes elsewhere.
 * The contract is written down in docs/events.md.
 */
export interface EventSource<E, S> {
  /**
   * Every event of the log that `scope` admits, strictly after `after` and in log order, then live
   * ones as they are committed; never one twice. Ends (`done`) when `signal` aborts, when `return()`
   * is called (promptly, even while waiting for the next event) or when the source closes.
   */
  stream(options: EventStreamOptions<S>): AsyncIterableIterator<LoggedEvent<E>>;

  /**
   * Cursor of the newest event in the log, whatever its scope (the start of the log while it is
   * empty): `stream({ after: await head() })` gets every event committed from now on.
   */
  head(): Promise<string>;

  /** Ends every open stream; new streams end at once. */
  close(): Promise<void>;
}

export interface EventStreamOptions<S> {
  /**
   * A cursor from an earlier event: start with the event after it. `null` starts with the next event
   * committed from now on (live only).
   */
  after: string | null;
  /**
   * Which events this stream may and wants to see (e.g. the subscriber's authorization and filter).
   * Plain data: each implementation turns it into its own predicate (SQL for PostgreSQL, an
   * in-process check for a broker), so scopes are checked per event, before delivery.
   */
  scope: S;
  /** Ends the stream when aborted. Optional: `return()` ends it too. */
  signal?: AbortSignal;
  /**
   * Who reads: a client's subscription (default) or a sibling service's event consumer
   * (`streamSubscriber(principal)`); metrics count them apart.
   */
  subscriber?: StreamSubscriber;
}

/** A client's subscription, or a sibling service's event consumer (the system principal). */
export type StreamSubscriber = 'client' | 'service';

/** One event with its place in the log. */
export interface LoggedEvent<E> {
  /** Opaque and monotonic within one log; pass it as `after` to resume right after this event. */
  cursor: string;
  event: E;
}
