/**
 * `iterable` with `fn` applied to each value. Unlike an `async function*`, whose `return()` waits
 * behind a pending `next()`, this forwards `return()` to the source at once, so unsubscribing ends
 * a stream that is waiting for its next event (graphql-js maps subscriptions the same way).
 */
export function mapAsyncIterator<T, U>(iterable: AsyncIterable<T>, fn: (value: T) => U | Promise<U>): AsyncIterableIterator<U> {
  const iterator = iterable[Symbol.asyncIterator]();

  async function mapResult(result: IteratorResult<T>): Promise<IteratorResult<U, void>> {
    if (result.done) return { value: undefined, done: true };
    try {
      return { value: await fn(result.value), done: false };
    } catch (error) {
      await iterator.return?.().catch(() => undefined);
      throw error;
    }
  }

  const mapped: AsyncIterableIterator<U> = {
    async next() {
      return mapResult(await iterator.next());
    },
    async return() {
      if (typeof iterator.return === 'function') await iterator.return();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      if (typeof iterator.throw === 'function') return mapResult(await iterator.throw(error));
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
