import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  graphql,
  GraphQLError,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/**
 * A protocol fixture, not a mock of the CRM: one HTTP + graphql-ws endpoint on `/graphql` (like the
 * gateway) over a tiny graphql-js schema whose `dealStageChanged(after: String)` streams an in-memory
 * log with increasing cursors. `after` replays from the log, so resume can be observed on the wire.
 */
export interface DealEvent {
  cursor: string;
  name: string;
}

export interface DealStreamServer {
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** The durable event log, shared with a restarted instance. */
  log: DealEvent[];
  /** Every `connection_init` seen, in order: its `authorization` connection param. */
  connections: unknown[];
  /** Every `dealStageChanged` subscribe, in order: its `after` argument (null when absent). */
  subscribes: Array<string | null>;
  /** `authorization` headers of HTTP requests, in order. */
  httpAuthorizations: Array<string | undefined>;
  /** Appends an event to the log (cursors `c000001`, `c000002`, …) and wakes live subscribers. */
  publish(name: string): DealEvent;
  /** Kills every socket without a close frame (the client sees 1006), as a crashed gateway would. */
  dropConnections(): void;
  /** Closes every socket with this close code, as the gateway does on a schema change (1012) or a slow consumer (1013). */
  closeConnections(code: number, reason: string): void;
  close(): Promise<void>;
}

export interface DealStreamServerOptions {
  /** Tokens whose `Bearer <token>` is accepted in connectionParams; anything else is closed with 4403. */
  acceptTokens: string[];
  /** Replay the `after` event itself too (a sloppy server), to exercise client-side deduplication. */
  replayInclusive?: boolean;
  /** The event log; pass the previous instance's `log` to simulate a restart over a durable log. Default: empty. */
  log?: DealEvent[];
  /** Port to listen on. Default: 0 (a free port). */
  port?: number;
}

export async function startDealStreamServer(options: DealStreamServerOptions): Promise<DealStreamServer> {
  const log: DealEvent[] = options.log ?? [];
  const wakers = new Set<() => void>();
  const server: Omit<DealStreamServer, 'url' | 'close'> = {
    connections: [],
    subscribes: [],
    httpAuthorizations: [],
    publish(name) {
      const event = { cursor: `c${String(log.length + 1).padStart(6, '0')}`, name };
      log.push(event);
      for (const wake of [...wakers]) wake();
      return event;
    },
    log,
    dropConnections() {
      for (const socket of wss.clients) socket.terminate();
    },
    closeConnections(code, reason) {
      for (const socket of wss.clients) socket.close(code, reason);
    },
  };

  function stream(after: string | null): AsyncIterableIterator<{ dealStageChanged: DealEvent }> {
    let index = log.length;
    if (after !== null) {
      const at = log.findIndex((e) => e.cursor === after);
      if (at < 0) throw new GraphQLError(`Unknown cursor ${after}`);
      index = options.replayInclusive ? at : at + 1;
    }
    let done = false;
    let wake: (() => void) | undefined;
    const waker = (): void => wake?.();
    wakers.add(waker);
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        while (!done && index >= log.length) await new Promise<void>((resolve) => (wake = resolve));
        if (done) return { done: true, value: undefined };
        return { done: false, value: { dealStageChanged: log[index++] } };
      },
      async return() {
        done = true;
        wakers.delete(waker);
        wake?.();
        return { done: true, value: undefined };
      },
    };
  }

  const DealStageChange = new GraphQLObjectType({
    name: 'DealStageChange',
    fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, name: { type: new GraphQLNonNull(GraphQLString) } },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { whoami: { type: GraphQLString, resolve: (_root, _args, context: { authorization?: string }) => context.authorization } },
    }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        dealStageChanged: {
          type: new GraphQLNonNull(DealStageChange),
          args: { after: { type: GraphQLString } },
          subscribe: (_root, args: { after?: string | null }) => {
            server.subscribes.push(args.after ?? null);
            return stream(args.after ?? null);
          },
        },
      },
    }),
  });

  const http = createServer(async (request, response) => {
    const authorization = request.headers.authorization;
    server.httpAuthorizations.push(authorization);
    const body = JSON.parse(await readBody(request)) as { query: string; variables?: Record<string, unknown> };
    const result = await graphql({ schema, source: body.query, variableValues: body.variables, contextValue: { authorization } });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const disposable = useServer(
    {
      schema,
      onConnect: (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        server.connections.push(authorization);
        // false → graphql-ws closes with 4403 Forbidden, as the gateway does for an invalid token.
        return options.acceptTokens.some((token) => authorization === `Bearer ${token}`);
      },
    },
    wss,
  );
  http.listen(options.port ?? 0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;

  return Object.assign(server, {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Polls until `condition` holds, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
