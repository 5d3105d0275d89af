import { createClient, type Client, type EventListener } from 'graphql-ws';
import WebSocket from 'ws';
import { pongWatchdog } from '../events/pong-watchdog';
import { gatewayConnectionParams } from '../http/gateway-signature';

/** Close codes after which retrying cannot help (bad request, unauthenticated, forbidden). */
const FATAL_CLOSES = new Set([4400, 4401, 4403]);

/** `http://host:4002/graphql` → `ws://host:4002/graphql` (https → wss). */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export interface SubgraphSocketOptions {
  /** The subgraph's GraphQL endpoint over HTTP, e.g. `http://127.0.0.1:4002/graphql`; the socket goes to the same path. */
  url: string;
  /** `GATEWAY_SIGNING_SECRET`: subgraphs refuse a socket that is not signed with it. */
  signingSecret: string;
  /** Whose socket it is, asked anew for every connection attempt (a token may have been renewed meanwhile). */
  credentials: () => Promise<{ authorization: string; requestId?: string }> | { authorization: string; requestId?: string };
  /** Ping interval; a ping without a pong within twice this ends a half-open connection. Default 10 s. */
  keepAliveMs?: number;
  /**
   * `forever`: reconnect with capped, jittered backoff until closed, except after a fatal close
   * (4400, 4401, 4403); `never`: the caller resubscribes itself. Default `forever`.
   */
  retry?: 'forever' | 'never';
  /** More listeners (e.g. connection metrics); the pong watchdog's are kept. */
  on?: { connected?: EventListener<'connected'>; closed?: EventListener<'closed'> };
}

/**
 * The one way anything of ours opens a graphql-ws connection to a subgraph: the gateway's upstream
 * streams and the services' event consumers. The socket is signed as the gateway for its path, with
 * the signature made anew for every (re)connect so that a reconnect never carries a stale
 * timestamp, and a pong watchdog ends connections whose peer froze or vanished without a FIN.
 */
export function subgraphSocket(options: SubgraphSocketOptions): Client {
  const url = toWebSocketUrl(options.url);
  const { pathname, search } = new URL(url);
  const keepAlive = options.keepAliveMs ?? 10_000;
  const watchdog = pongWatchdog(2 * keepAlive);
  const forever = (options.retry ?? 'forever') === 'forever';
  return watchdog.watch(
    createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: async () => {
        const { authorization, requestId } = await options.credentials();
        return { authorization, ...(requestId ? { 'x-request-id': requestId } : {}), ...gatewayConnectionParams(options.signingSecret, pathname + search) };
      },
      lazy: true,
      keepAlive,
      retryAttempts: forever ? Number.MAX_SAFE_INTEGER : 0,
      shouldRetry: (event) => forever && !(event && typeof event === 'object' && 'code' in event && FATAL_CLOSES.has((event as { code: number }).code)),
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10_000, 250 * 2 ** retries))),
      on: {
        ...watchdog.on,
        connected: (...args) => options.on?.connected?.(...args),
        closed: (event) => {
          watchdog.on.closed();
          options.on?.closed?.(event);
        },
      },
    }),
  );
}
