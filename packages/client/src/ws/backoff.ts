export interface BackoffSettings {
  /** Delay ceiling of the first retry, in ms. */
  baseDelayMs: number;
  /** No delay ever exceeds this, in ms. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter: a uniformly random delay in [0, min(max, base·2^attempt)).
 * Full jitter (rather than a fixed exponential delay) spreads the reconnects of thousands of clients
 * after a gateway restart, so they do not all arrive in the same instant.
 * See https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/.
 *
 * @param attempt 0 for the first retry after a drop; graphql-ws resets it once a connection is acknowledged.
 * @param random a source of numbers in [0, 1); replaceable in tests.
 */
export function backoffDelay(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
