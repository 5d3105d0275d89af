/**
 * An async iterable fed by `push`, holding at most `capacity` undelivered items. `push` returns
 * false when the consumer has fallen that far behind: the caller then disconnects it instead of
 * letting memory grow without bound.
 */
export class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private done = false;

  constructor(private readonly capacity: number, private readonly onReturn: () => void = () => undefined) {}

  push(item: T): boolean {
    if (this.done) return true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return true;
    }
    if (this.items.length >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  /** Ends the stream after the items already queued. */
  end(): void {
    this.done = true;
    if (this.waiting && this.items.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = undefined;
    }
  }

  get size(): number {
    return this.items.length;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.end();
    this.onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
