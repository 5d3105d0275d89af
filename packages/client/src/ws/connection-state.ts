/**
 * What the subscription socket is doing, reported through `onConnectionChange`. A drop looks like
 * `disconnected` → `reconnecting` (with the chosen delay) → `connecting` → `connected`.
 */
export type ConnectionState =
  /** Opening a socket; `retry` is false for the first connection and after an idle close. */
  | { status: 'connecting'; retry: boolean }
  /** The gateway acknowledged `connection_init` (the token was accepted); subscriptions flow. */
  | { status: 'connected'; retry: boolean }
  /**
   * The socket closed. `fatal` means the SDK will not reconnect (e.g. 4403, invalid token) and every
   * active subscription ends with an error. 1000 after the last subscription ended is the normal idle close.
   */
  | { status: 'disconnected'; code: number; reason: string; fatal: boolean }
  /** Waiting `delayMs` before reconnect attempt number `attempt` (1-based). */
  | { status: 'reconnecting'; attempt: number; delayMs: number };
