import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { principalFromHeader, requestIdFrom, tokenExpiresAt, type Logger, type TokenSettings } from '@crm/kernel';
import { GraphQLError, parse, print, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GatewayContext } from '../http/gateway-context';
import { VALIDATION_FAILED, type OperationLimits } from '../limits';
import type { KickReason } from '../subscriptions/shared-stream';
import type { SubscriptionEngine } from '../subscriptions/subscription-engine';

/** Retryable closes we send ourselves (graphql-ws clients reconnect after these). */
export const RetryableClose = {
  /** The subscriber's queue overflowed: it could not keep up. */
  TryAgainLater: 1013,
  /** The gateway's schema changed; resubscribe against the new one. */
  ServiceRestart: 1012,
  /** The connection's bearer token expired; reconnect with a fresh token. */
  TokenExpired: 4410,
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
  /** The same operation limits as HTTP, applied to each `subscribe` message before anything runs. */
  limits: OperationLimits;
  /** Applied to the message of each refusal (production strips "Did you mean"). Default: as is. */
  formatError?: (error: GraphQLFormattedError) => GraphQLFormattedError;
  /** Interval of WebSocket pings; a socket that misses one is dropped. Default 12 s. */
  keepAliveMs?: number;
}

/** The close code and reason of each retryable disconnect of a subscriber. */
const KICKS: Record<KickReason, [number, string]> = {
  slow: [RetryableClose.TryAgainLater, 'Subscriber cannot keep up; reconnect and resume with `after`'],
  retry: [RetryableClose.TryAgainLater, 'An event could not be completed; reconnect and resume with `after`'],
  'schema-changed': [RetryableClose.ServiceRestart, 'The schema changed; resubscribe'],
};

/** setTimeout's largest delay (about 24.8 days); later expiries are checked again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A token is checked when the socket connects; a long-lived socket must not outlive it, or a revoked
 * user would keep receiving events. At expiry the socket closes with 4410, which clients retry with a
 * fresh token (resuming with `after`).
 */
function closeWhenExpired(socket: WebSocket, expiresAt: Date | null): void {
  if (!expiresAt) return;
  let timer: NodeJS.Timeout;
  const check = () => {
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) {
      socket.close(RetryableClose.TokenExpired, 'The bearer token has expired; reconnect with a fresh one and resume with `after`');
      return;
    }
    timer = setTimeout(check, Math.min(left, MAX_TIMER_MS)).unref();
  };
  check();
  socket.once('close', () => clearTimeout(timer));
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
          closeWhenExpired(ctx.extra.socket, tokenExpiresAt(header));
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      // Parse, validate and check the limits here, as Apollo does for HTTP: a refused operation is
      // answered with an `error` message and never reaches the engine or a subgraph.
      onSubscribe: (ctx, _id, payload) => {
        const schema = options.schema();
        let document: DocumentNode;
        try {
          document = parse(payload.query, options.limits.parseOptions);
        } catch (error) {
          return [refusal(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, [...specifiedRules, ...options.limits.validationRules]);
        if (invalid.length > 0) return invalid.map((error) => refusal(error, VALIDATION_FAILED));
        const refused = options.limits.check({
          schema,
          document,
          variables: payload.variables,
          operationName: payload.operationName,
          principal: ctx.extra.gateway?.principal,
        });
        if (refused) return [refusal(refused, VALIDATION_FAILED)];
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx) => ({ ...ctx.extra.gateway!, socket: ctx.extra.socket }),
      subscribe: (args) => {
        const { socket, ...context } = args.contextValue as GatewayContext & { socket: WebSocket };
        return options.engine.subscribe({
          document: args.document,
          operationName: args.operationName,
          variables: args.variableValues as Record<string, unknown>,
          context,
          onKick: (reason) => socket.close(...KICKS[reason]),
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
  /** A client-facing GraphQLError with a stable code, through `formatError`. */
  function refusal(error: unknown, code: string): GraphQLError {
    const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
    const formatted = graphqlError.toJSON();
    const { http: _status, ...rest } = formatted.extensions ?? {}; // an HTTP status means nothing here
    const extensions = { ...rest, code: rest.code ?? code };
    const { message } = options.formatError?.({ ...formatted, extensions }) ?? formatted;
    return new GraphQLError(message, { nodes: graphqlError.nodes, extensions });
  }

  return {
    dispose: async () => {
      clearInterval(ping);
      await server.dispose(); // closes every socket with 1001 Going Away: clients reconnect elsewhere
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
