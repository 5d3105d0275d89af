import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { principalFromHeader, requestIdFrom, type Logger, type TokenSettings } from '@crm/kernel';
import { print, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GatewayContext } from '../http/gateway-context';
import type { SubscriptionEngine } from '../subscriptions/subscription-engine';

/** Retryable closes we send ourselves (graphql-ws clients reconnect after these). */
export const RetryableClose = {
  /** The subscriber's queue overflowed: it could not keep up. */
  TryAgainLater: 1013,
  /** The gateway's schema changed; resubscribe against the new one. */
  ServiceRestart: 1012,
} as const;

interface SocketExtra extends Record<PropertyKey, unknown> {
  socket: WebSocket;
  gateway?: GatewayContext;
}

export interface GraphQLWsOptions {
  httpServer: Server;
  path: string;
  engine: SubscriptionEngine;
  apollo: ApolloServer<GatewayContext>;
  tokens: TokenSettings;
  logger: Logger;
  /** The current API schema, for validating operations. */
  schema: () => GraphQLSchema;
  /** Interval of WebSocket pings; a socket that misses one is dropped. Default 12 s. */
  keepAliveMs?: number;
}

/**
 * The GraphQL over WebSocket protocol (`graphql-ws`) on the same path as HTTP. The token comes in
 * `connectionParams.authorization` of `connection_init`; an invalid one closes the socket with 4403.
 * Subscriptions go to the federated engine; queries and mutations run through Apollo Server.
 */
export function attachGraphQLWs(options: GraphQLWsOptions): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path });
  const alive = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const ping = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.get(socket)) socket.terminate();
      else {
        alive.set(socket, false);
        socket.ping();
      }
    }
  }, options.keepAliveMs ?? 12_000).unref();

  const server = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema: () => options.schema(),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = String(params.authorization ?? params.Authorization ?? '');
        try {
          const principal = await principalFromHeader(header, options.tokens);
          ctx.extra.gateway = { principal, authorization: header, requestId: requestIdFrom({ 'x-request-id': String(params['x-request-id'] ?? '') }) };
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      context: (ctx) => ({ ...ctx.extra.gateway!, socket: ctx.extra.socket }),
      subscribe: (args) => {
        const { socket, ...context } = args.contextValue as GatewayContext & { socket: WebSocket };
        return options.engine.subscribe({
          document: args.document,
          operationName: args.operationName,
          variables: args.variableValues as Record<string, unknown>,
          context,
          onKick: (reason) =>
            reason === 'slow'
              ? socket.close(RetryableClose.TryAgainLater, 'Subscriber cannot keep up; reconnect and resume with `after`')
              : socket.close(RetryableClose.ServiceRestart, 'The schema changed; resubscribe'),
        }) as never;
      },
      execute: async (args) => {
        const { socket: _socket, ...context } = args.contextValue as GatewayContext & { socket: WebSocket };
        const response = await options.apollo.executeOperation(
          { query: print(args.document), variables: args.variableValues as Record<string, unknown>, operationName: args.operationName ?? undefined },
          { contextValue: context },
        );
        return (response.body.kind === 'single' ? response.body.singleResult : { errors: [] }) as ExecutionResult;
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors }, 'subscription refused');
      },
    },
    wss,
  );
  return {
    dispose: async () => {
      clearInterval(ping);
      await server.dispose(); // closes every socket with 1001 Going Away: clients reconnect elsewhere
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
