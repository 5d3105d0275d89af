import type { ConsumerResources } from '../http/start-service';
import { EventConsumer, type ConsumedEvent, type EventConsumerOptions } from './event-consumer';

/** What a consumer of a sibling's log says itself; the consuming service's resources give the rest. */
export type SiblingLogConsumerOptions<E extends ConsumedEvent, P = undefined> = Omit<EventConsumerOptions<E, P>, 'sibling' | 'db' | 'logger'>;

/**
 * An `EventConsumer` of a log of the sibling subgraph at `url`, bound the way every service binds
 * one: to the sibling as this service's system principal, with its cursor in this service's
 * `event_cursors`, logging with this service's logger.
 */
export function consumeSiblingLog<E extends ConsumedEvent, P = undefined>(
  { db, logger, sibling }: ConsumerResources,
  url: string,
  options: SiblingLogConsumerOptions<E, P>,
): EventConsumer<E, P> {
  return new EventConsumer<E, P>({ ...options, sibling: sibling(url), db, logger });
}
