import type { TokenSource } from './auth/resolve-token';
import type { CursorOrder } from './links/cursor-tracker';
import type { ConnectionState } from './ws/connection-state';

export interface CrmClientOptions {
  /** The gateway's GraphQL URL, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** Bearer token, or a function returning the current one (called per request and per socket (re)connect, so tokens can rotate). */
  token: TokenSource;
  /** Custom fetch (tests, instrumentation). Default: global fetch. */
  fetch?: typeof fetch;
  /** The gateway's GraphQL-over-WebSocket URL. Default: `url` with `http` → `ws` (`https` → `wss`); the gateway serves both on `/graphql`. */
  wsUrl?: string;
  /**
   * The WebSocket constructor for subscriptions. Default: the global `WebSocket` (browsers, Node ≥ 22).
   * Node 20 has none: pass `WebSocket` from `ws`. Without one, queries and mutations still work and
   * subscriptions fail with a message saying so.
   */
  webSocketImpl?: unknown;
  /** Reconnect delay ceiling of the first retry, in ms; it doubles per attempt, with full jitter. Default: 500. */
  reconnectBaseDelayMs?: number;
  /** Largest reconnect delay, in ms. Default: 30 000. */
  reconnectMaxDelayMs?: number;
  /** Send a ping this many ms after the last pong (0 disables). Default: 10 000. */
  keepAliveMs?: number;
  /** Drop and reconnect when a ping gets no pong within this many ms (0 disables). Default: 5 000. */
  pongTimeoutMs?: number;
  /** Called on every subscription-socket state change (connecting, connected, disconnected, reconnecting in N ms). Must not throw. */
  onConnectionChange?: (state: ConnectionState) => void;
  /**
   * Orders two event cursors; when given, resumed subscriptions also drop any event whose cursor is
   * not after the last delivered one. Default: none — cursors are opaque and duplicates are recognised by equality.
   */
  compareCursors?: CursorOrder;
}

/** The defaults documented on `CrmClientOptions` and in the README. */
export const CRM_CLIENT_DEFAULTS = {
  reconnectBaseDelayMs: 500,
  reconnectMaxDelayMs: 30_000,
  keepAliveMs: 10_000,
  pongTimeoutMs: 5_000,
} as const;

/** `http://host/graphql` → `ws://host/graphql`, `https://…` → `wss://…`. */
export function defaultWsUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, (_match, secure: string) => `ws${secure}://`);
}
