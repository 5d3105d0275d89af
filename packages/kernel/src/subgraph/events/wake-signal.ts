/**
 * A latch a waiting stream sleeps on. `wake()` before `wait()` is remembered, so a notification that
 * arrives while the stream is busy reading is never lost: arm with `reset()` before reading, then
 * `wait()` returns at once if anything woke it in between.
 */
export class WakeSignal {
  private woken = false;
  private resolve: (() => void) | null = null;

  wake(): void {
    this.woken = true;
    this.resolve?.();
  }

  reset(): void {
    this.woken = false;
  }

  /** Resolves on `wake()`, after `timeoutMs`, or when `signal` aborts, whichever comes first. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.woken || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.resolve = null;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.resolve = done;
    });
  }
}

/** Sleeps `ms`, or less when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
