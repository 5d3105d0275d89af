import { decodeEventCursor, encodeEventCursor } from '@crm/kernel';
import { type LoggedEvent, type SubgraphServerOptions } from '@crm/kernel/subgraph';

/**
 * An event log in memory with the cursors of docs/events.md, to serve a stub sibling's subscription:
 * `append` adds an event, `stream(after)` yields every event after `after` (the start of the log
 * for null), then new ones as they are appended. With `replayEverything`, streams ignore `after`
 * and start from the beginning, so a consumer receives every event again.
 */
export class MemoryEventLog<E> {
  private readonly events: E[] = [];
  private readonly waiting = new Set<() => void>();
  replayEverything = false;

  /** Appends `event`; returns its cursor. */
  append(event: E): string {
    this.events.push(event);
    for (const wake of this.waiting) wake();
    return encodeEventCursor(this.events.length);
  }

  get length(): number {
    return this.events.length;
  }

  stream(after: string | null | undefined): AsyncIterableIterator<LoggedEvent<E>> {
    let position = this.replayEverything || !after ? 0 : Number(decodeEventCursor(after));
    let done = false;
    let wake: (() => void) | null = null;
    const iterator: AsyncIterableIterator<LoggedEvent<E>> = {
      next: async () => {
        while (!done && position >= this.events.length) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            this.waiting.add(resolve);
          });
          this.waiting.delete(wake!);
        }
        if (done) return { value: undefined, done: true };
        position += 1;
        return { value: { cursor: encodeEventCursor(position), event: this.events[position - 1]! }, done: false };
      },
      return: async () => {
        done = true;
        if (wake) {
          this.waiting.delete(wake);
          (wake as () => void)();
        }
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

/**
 * Serves `Subscription.<field>` of a stub subgraph's `schema` from `log`: each subscriber gets the
 * events after its `after` argument, each as `{ cursor, ...event }`. `onSubscribe` sees the
 * arguments of every subscription, e.g. to check the filter a consumer asks for. Answers `schema`.
 */
export function serveEventLog<S extends SubgraphServerOptions<never>['schema'], E>(
  schema: S,
  field: string,
  log: MemoryEventLog<E>,
  onSubscribe: (args: Record<string, unknown>) => void = () => undefined,
): S {
  const subscription = schema.getSubscriptionType()?.getFields()[field];
  if (!subscription) throw new Error(`the stub schema has no Subscription.${field}`);
  subscription.subscribe = (_root, args: { after?: string | null }) => {
    onSubscribe(args);
    return log.stream(args.after);
  };
  subscription.resolve = (logged: LoggedEvent<E>) => ({ cursor: logged.cursor, ...logged.event });
  return schema;
}
