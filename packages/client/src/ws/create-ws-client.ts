import { createClient, type Client } from 'graphql-ws';
import { bearer, type TokenSource } from '../auth/resolve-token';
import { backoffDelay } from './backoff';
import { isCloseEvent, isFatalCloseCode, shouldRetry } from './close-codes';
import type { ConnectionState } from './connection-state';

export interface WsClientSettings {
  url: string;
  token: TokenSource;
  webSocketImpl: unknown;
  reconnectBaseDelayMs: number;
  reconnectMaxDelayMs: number;
  keepAliveMs: number;
  pongTimeoutMs: number;
  onConnectionChange?: (state: ConnectionState) => void;
}

/**
 * A graphql-ws client that never gives up on a recoverable drop: it reconnects forever with full-jitter
 * backoff and re-sends every active subscription (graphql-ws does that itself, with the same payload
 * object — which is why the resume link can put the latest cursor into it; see links/resume-link.ts).
 */
export function createWsClient(settings: WsClientSettings): Client {
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const report = (state: ConnectionState): void => {
    if (!settings.onConnectionChange) return;
    try {
      settings.onConnectionChange(state);
    } catch (error) {
      // A throwing hook must not corrupt graphql-ws's state machine; surface the bug out of band.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const client: Client = createClient({
    url: settings.url,
    webSocketImpl: settings.webSocketImpl,
    // A function, so a rotated token is read on every (re)connect, not captured once.
    connectionParams: async () => ({ authorization: await bearer(settings.token) }),
    lazy: true,
    keepAlive: settings.keepAliveMs,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry,
    retryWait: async (retries) => {
      const delayMs = backoffDelay(retries, { baseDelayMs: settings.reconnectBaseDelayMs, maxDelayMs: settings.reconnectMaxDelayMs });
      report({ status: 'reconnecting', attempt: retries + 1, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    },
    on: {
      connecting: (isRetry) => report({ status: 'connecting', retry: isRetry }),
      connected: (_socket, _payload, wasRetry) => report({ status: 'connected', retry: wasRetry }),
      closed: (event) => {
        clearTimeout(pongTimer);
        const code = isCloseEvent(event) ? event.code : 1006;
        const reason = isCloseEvent(event) ? event.reason : '';
        report({ status: 'disconnected', code, reason, fatal: isFatalCloseCode(code) });
      },
      // keepAlive only sends pings; a half-open TCP connection (laptop sleep, NAT timeout) would never
      // close by itself. No pong in time → terminate, which graphql-ws treats as a retryable 4499.
      ping: (received) => {
        if (received || !(settings.pongTimeoutMs > 0)) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => client.terminate(), settings.pongTimeoutMs);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
  return client;
}
