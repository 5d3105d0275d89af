import { gatewayConnectionParams, pongWatchdog } from '@crm/kernel';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GatewayContext } from '../context';

/** Close codes after which retrying cannot help (bad request, unauthenticated, forbidden). */
const FATAL = new Set([4400, 4401, 4403]);

/** `http://host:4002/graphql` → `ws://host:4002/graphql`. */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/**
 * A graphql-ws client to a subgraph for one shared stream, authenticated with a subscriber's token
 * and signed as the gateway (`connectionParams.gatewaySignature`, signed anew for each connection
 * attempt so a reconnect never carries a stale timestamp). It reconnects forever with capped,
 * jittered backoff; the stream drops replayed events by cursor.
 *
 * @param signingSecret `GATEWAY_SIGNING_SECRET`, shared with every subgraph.
 */
export function upstreamClient(url: string, credentials: () => GatewayContext, signingSecret: string): Client {
  const wsUrl = toWebSocketUrl(url);
  const { pathname, search } = new URL(wsUrl);
  const watchdog = pongWatchdog(20_000);
  return watchdog.watch(createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: () => {
      const { authorization, requestId } = credentials();
      return { authorization, 'x-request-id': requestId, ...gatewayConnectionParams(signingSecret, pathname + search) };
    },
    lazy: true,
    keepAlive: 10_000,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && FATAL.has((event as { code: number }).code)),
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10_000, 250 * 2 ** retries))),
    on: watchdog.on,
  }));
}
