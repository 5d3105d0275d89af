import type { Client } from 'graphql-ws';

/**
 * graphql-ws's `keepAlive` only sends pings: a half-open TCP connection (a peer frozen or gone
 * without a FIN) would stay "connected" for many minutes. This terminates the socket when a ping
 * gets no pong within `timeoutMs`, which the client then treats as a retryable close.
 * Spread `on` into the client's options, then `watch` the client.
 */
export function pongWatchdog(timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let client: Client | undefined;
  return {
    watch<C extends Client>(watched: C): C {
      client = watched;
      return watched;
    },
    on: {
      ping: (received: boolean) => {
        if (received) return;
        clearTimeout(timer);
        timer = setTimeout(() => client?.terminate(), timeoutMs);
        timer.unref();
      },
      pong: (received: boolean) => {
        if (received) clearTimeout(timer);
      },
      closed: () => clearTimeout(timer),
    },
  };
}
