import type { Principal } from '../../core/auth/principal';
import { assertCursorNotAhead } from '../../core/events/event-cursor';
import { streamSubscriber } from '../auth/service-token';
import { validInput } from '../graphql/validate-arguments';
import type { EventSource, LoggedEvent } from './event-source';

/** What one subscription to an event log may and wants to read: its caller, and the filter it gave. */
export interface LogScope<F> {
  principal: Principal;
  filter: F | null;
}

/** The arguments every event-log subscription takes: a filter of its own input type and `after`. */
export interface LogSubscriptionArgs<F> {
  filter?: F | null;
  after?: string | null;
}

/**
 * Starts one subscription to an event log, the same way for every log: the filter is validated now
 * (type-graphql would validate it per event, but a bad one must fail the subscription itself), an
 * `after` past the log's newest event is refused (it cannot come from this log), and the stream is
 * scoped to what the caller may read and asked for. A bad filter or `after` fails with BAD_USER_INPUT.
 */
export async function subscribeToLog<E, F extends object>(
  source: EventSource<E, LogScope<F>>,
  filterType: new () => F,
  args: LogSubscriptionArgs<F>,
  principal: Principal,
): Promise<AsyncIterableIterator<LoggedEvent<E>>> {
  const filter = await validInput(filterType, args.filter, 'filter');
  const after = args.after ?? null;
  if (after !== null) assertCursorNotAhead(after, await source.head());
  return source.stream({ after, scope: { principal, filter }, subscriber: streamSubscriber(principal) });
}
