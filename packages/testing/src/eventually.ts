export interface EventuallyOptions<T> {
  /** When the value read is the one awaited; default: any value but undefined, null and false. */
  until?: (value: T) => boolean;
  /** What is awaited, for the error message. */
  what?: string;
  /** Default 10 s: generous for a loaded CI machine, and it returns as soon as the value is there. */
  timeoutMs?: number;
  /** Default 20 ms. */
  intervalMs?: number;
}

/**
 * Reads `read` until its value is the awaited one and resolves with it; a read that throws counts
 * as not yet. Rejects after `timeoutMs` naming `what` and the last value or error.
 */
export async function eventually<T>(read: () => Promise<T> | T, options: EventuallyOptions<T> = {}): Promise<T> {
  const { until = (value: T) => value !== undefined && value !== null && (value as unknown) !== false, what = 'the expected state', timeoutMs = 10_000, intervalMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: string = 'nothing read';
  for (;;) {
    try {
      const value = await read();
      if (until(value)) return value;
      last = `last read ${JSON.stringify(value)?.slice(0, 200)}`;
    } catch (error) {
      last = `last error ${String((error as Error)?.message ?? error)}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${last})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
