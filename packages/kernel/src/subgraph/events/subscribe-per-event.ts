import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { mapAsyncIterator } from './map-async-iterator';

/**
 * graphql-js `subscribe`, except that each event is executed with a context of its own:
 * `eventContext(subscriptionContext)`. graphql-js reuses the subscription's context for every
 * event, so DataLoaders in it would cache for as long as the subscription lives and serve stale
 * rows; a fresh context per event gives every event fresh loaders (loaders are per request; see docs/architecture.md).
 */
export async function subscribePerEvent(
  args: ExecutionArgs,
  eventContext: (subscriptionContext: unknown) => unknown,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(stream))) return stream as ExecutionResult;
  return mapAsyncIterator(stream as AsyncIterable<unknown>, (payload) =>
    execute({ ...args, rootValue: payload, contextValue: eventContext(args.contextValue) }),
  );
}
