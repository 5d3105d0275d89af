import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { waitFor } from '../testing/deal-stream-server.fixture';
import type { ConnectionState } from './connection-state';
import { createWsClient } from './create-ws-client';

describe('createWsClient', () => {
  let wss: WebSocketServer;
  afterEach(async () => {
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('drops a connection whose pings go unanswered and reconnects', async () => {
    // A server that acknowledges the connection and then stays silent, like a half-open TCP connection.
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    let inits = 0;
    wss.on('connection', (socket) =>
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { type: string };
        if (message.type === 'connection_init') {
          inits++;
          socket.send(JSON.stringify({ type: 'connection_ack' }));
        }
      }),
    );
    const states: ConnectionState[] = [];
    const client = createWsClient({
      url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
      token: 't',
      webSocketImpl: WebSocket,
      reconnectBaseDelayMs: 10,
      reconnectMaxDelayMs: 50,
      keepAliveMs: 20,
      pongTimeoutMs: 50,
      onConnectionChange: (state) => states.push(state),
    });
    const unsubscribe = client.subscribe({ query: 'subscription { tick }' }, { next: () => {}, error: () => {}, complete: () => {} });

    await waitFor('a second connection', () => inits >= 2);
    expect(states).toContainEqual({ status: 'disconnected', code: 4499, reason: 'Terminated', fatal: false });
    unsubscribe();
    await client.dispose();
  });
});
