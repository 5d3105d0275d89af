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

/** Waits until `predicate` holds, polling every 20 ms; fails after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
