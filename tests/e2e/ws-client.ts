import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A raw graphql-ws client to a gateway, with the token in connectionParams. */
export function wsClient(gatewayUrl: string, token: string, options: { retry?: boolean } = {}): Client {
  return createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: options.retry ? 50 : 0,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 200)),
    shouldRetry: () => Boolean(options.retry),
  });
}

/**
 * `connect(token)`: a client to the gateway at `gatewayUrl()` that is disposed after the test that
 * made it, whatever its outcome, so the next test starts with no socket or stream open.
 */
export function clientsDisposedAfterEach(gatewayUrl: () => string): (token: string) => Client {
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  return (token) => {
    const client = wsClient(gatewayUrl(), token);
    clients.push(client);
    return client;
  };
}

/** Collects the results of one subscription into an array until disposed. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: T[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const dispose = client.subscribe<T>({ query, variables }, {
    next: (result) => (result.errors ? errors.push(result.errors) : events.push(result.data as T)),
    error: (error) => errors.push(error),
    complete: () => (completed = true),
  });
  return { events, errors, dispose, isCompleted: () => completed };
}

/**
 * Open event streams of clients on a subgraph (`crm_event_streams_open` from its `/metrics`); the
 * streams of sibling services' event consumers (`subscriber="service"`) are always open and not counted.
 */
export async function eventStreamsOpen(subgraphUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', subgraphUrl))).text();
  // One line per channel and subscriber: crm_event_streams_open{channel="deal_stage_events",subscriber="client"} 2
  return text
    .split('\n')
    .filter((line) => /^crm_event_streams_open[{ ]/.test(line) && !line.includes('subscriber="service"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * Waits until the subgraph serves exactly `count` event streams: live-only subscriptions see only
 * changes committed after their upstream stream opened, so tests move deals only after that.
 */
export async function streamsReady(subgraphUrl: string, count: number, timeoutMs = 10_000): Promise<void> {
  let open = -1;
  const deadline = Date.now() + timeoutMs;
  while ((open = await eventStreamsOpen(subgraphUrl)) !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} open event streams, found ${open}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
