import { CloseCode } from 'graphql-ws';

/**
 * WebSocket close codes after which reconnecting cannot help: the server refused us (auth, protocol)
 * or one side is broken. Everything else — 1001 going away, 1006 abnormal closure (gateway killed,
 * network gone), 1012 service restart (the gateway's schema changed), 1013 try again later (slow
 * consumer), 4408 init timeout, 4499 terminated by our own pong timeout — is retried.
 *
 * The 4xxx list is graphql-ws's own non-retryable list plus 4403 Forbidden, which graphql-ws would
 * retry ("might grant access after retry") but which our gateway sends for an invalid token: retrying
 * with the same token would hammer it forever. 4500 is missing on purpose: graphql-ws refuses to
 * reconnect after it, but the gateway documents it as transient ("reconnect with backoff",
 * docs/subscriptions.md), so the resume link resubscribes instead (see RESUBSCRIBE_CLOSE_CODES).
 */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set<number>([
  CloseCode.BadRequest, // 4400
  CloseCode.Unauthorized, // 4401
  CloseCode.Forbidden, // 4403
  CloseCode.SubprotocolNotAcceptable, // 4406
  CloseCode.SubscriberAlreadyExists, // 4409
  CloseCode.TooManyInitialisationRequests, // 4429
  CloseCode.InternalClientError, // 4005
  CloseCode.BadResponse, // 4004
]);

/** Standard codes that mean "the connection went away, try again" rather than "this is wrong". */
const RETRYABLE_STANDARD_CODES: ReadonlySet<number> = new Set([1000, 1001, 1005, 1006, 1012, 1013, 1014]);

export interface CloseEventLike {
  code: number;
  reason: string;
}

export function isCloseEvent(value: unknown): value is CloseEventLike {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

/** True when the SDK will not reconnect after a close with this code. */
export function isFatalCloseCode(code: number): boolean {
  if (FATAL_CLOSE_CODES.has(code)) return true;
  // graphql-ws itself gives up on every other 1xxx code (protocol error, policy violation, …).
  return code >= 1000 && code <= 1999 && !RETRYABLE_STANDARD_CODES.has(code);
}

/**
 * graphql-ws `shouldRetry`: retry network errors (connection refused while the gateway restarts
 * arrives as an error event, not a close) and every close that is not fatal.
 */
export function shouldRetry(errorOrCloseEvent: unknown): boolean {
  return isCloseEvent(errorOrCloseEvent) ? !isFatalCloseCode(errorOrCloseEvent.code) : true;
}

/**
 * Closes graphql-ws will not retry by itself (it ends the subscription with an error) but after which
 * our gateway says to reconnect with backoff: the resume link resubscribes on these.
 */
export const RESUBSCRIBE_CLOSE_CODES: ReadonlySet<number> = new Set<number>([CloseCode.InternalServerError]);

/** The close code in a GraphQLWsLink error (`Socket closed with event 4500 Internal Server Error`), if any. */
export function closeCodeOf(error: unknown): number | undefined {
  const match = error instanceof Error ? /^Socket closed with event (\d+)/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}
