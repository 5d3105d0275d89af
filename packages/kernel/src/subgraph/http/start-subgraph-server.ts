import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Principal } from '../../core/auth/principal';
import { formatError, isUnexpectedError } from '../../core/errors/format-error';
import { subscribePerEvent } from '../events/subscribe-per-event';
import { verifyGatewayConnection } from '../../core/http/gateway-signature';
import { bodyErrorHandler } from '../../core/http/body-error-handler';
import { operationsRouter, type ReadinessCheck } from '../../core/http/operations-router';
import type { ServerHandle } from '../../core/http/server-handle';
import { requestIdFrom } from '../../core/http/request-id';
import { requestMetrics } from '../../core/http/request-metrics';
import { requestPlugin, type RequestScoped } from '../../core/http/request-plugin';
import { keepRawBody, requireGatewaySignature } from './require-gateway-signature';
import { credentialsFromConnectionParams, credentialsFromHeaders, type ContextFactory, type Credentials } from './service-context';
import { subgraphRoutes, type SubgraphRoute } from './subgraph-route';

/** WebSocket close code 1001: the server is going away (shutting down); clients should reconnect. */
export const CLOSE_GOING_AWAY = 1001;

export interface SubgraphServerOptions<C extends RequestScoped> {
  schema: GraphQLSchema;
  logger: Logger;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Authenticates callers (HTTP headers or graphql-ws connectionParams) and builds their contexts. */
  context: ContextFactory<C>;
  readiness: ReadinessCheck[];
  /**
   * The key the gateway signs every request with (`GATEWAY_SIGNING_SECRET`). `/graphql` over HTTP
   * and WebSocket refuses anything unsigned; `/health`, `/ready` and `/metrics` stay open to probes.
   */
  gatewaySigningSecret: string;
  /** Largest accepted request body. Default `1mb`. */
  bodyLimit?: string;
  /** Allow schema introspection. Default true: the gateway is the public edge. */
  introspection?: boolean;
  /**
   * WebSocket keep-alive: a ping this often (ms); a socket that has not answered by the next one is
   * terminated. Only when the schema has subscriptions. Default 12 000.
   */
  keepAliveMs?: number;
  /** Plain HTTP endpoints besides `/graphql` (e.g. a CSV export), signed and authenticated like it. Default none. */
  routes?: readonly SubgraphRoute<C>[];
}

/** Something started that can be stopped, with the address it listens on. */
/**
 * Runs a subgraph's Apollo Server on express with `/graphql`, `/health`, `/ready` and `/metrics`.
 * When the schema has a Subscription type, `/graphql` also speaks GraphQL over WebSocket
 * (the graphql-ws protocol, `graphql-transport-ws`).
 */
export async function startSubgraphServer<C extends RequestScoped>(options: SubgraphServerOptions<C>): Promise<ServerHandle> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // runMain owns SIGTERM/SIGINT; a second, competing stop from Apollo would hang the drain.
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? true,
    logger: options.logger,
    // We send no traces to Apollo Studio; inline traces would only cost time on every request.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), requestPlugin<C>(options.logger)],
  });
  await apollo.start();

  app.use(requestMetrics());
  app.use(operationsRouter(options.readiness));
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '1mb', verify: keepRawBody }),
    requireGatewaySignature(options.gatewaySigningSecret, options.logger),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const credentials = credentialsFromHeaders(req.headers);
        return options.context.create(await options.context.authenticate(credentials), requestIdFrom(req.headers), credentials);
      },
    }),
  );
  if (options.routes?.length) {
    app.use(subgraphRoutes(options.routes, { context: options.context, gatewaySigningSecret: options.gatewaySigningSecret, logger: options.logger }));
  }
  app.use(bodyErrorHandler(options.logger));
  const webSockets = options.schema.getSubscriptionType() ? serveGraphqlOverWebSocket(httpServer, options) : null;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    port,
    url: `http://${options.host}:${port}/graphql`,
    // Sockets first (1001, clients reconnect elsewhere), then stop accepting and let in-flight
    // HTTP requests finish (drain plugin), then resolve; the caller closes the database after.
    stop: async () => {
      await webSockets?.close();
      await apollo.stop();
    },
  };
}

type ConnectionExtra = {
  /** Verified in `onConnect`; every operation of the connection runs as this caller. */
  principal: Principal;
  /** What `principal` was verified from. */
  credentials: Credentials;
};

/**
 * graphql-ws on the HTTP server's `/graphql`: the connection must carry the gateway's signature in
 * `connectionParams.gatewaySignature`, and the token comes in `connectionParams.authorization` and
 * is verified like an HTTP header (either invalid or missing → close 4403 Forbidden); each operation
 * gets a fresh context, and each subscription event another one (fresh loaders per event).
 */
function serveGraphqlOverWebSocket<C extends RequestScoped>(httpServer: Server, options: SubgraphServerOptions<C>) {
  const { logger, context: factory } = options;
  // Messages are GraphQL operations: the same limit as an HTTP body (1 MiB) is plenty.
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  /** How to build another context like this one: for every event of a subscription. */
  const renewals = new WeakMap<object, () => C>();

  const format = (errors: readonly GraphQLError[], requestId: string | undefined) =>
    errors.map((error) => {
      if (isUnexpectedError(error) && isUnexpectedError((error.originalError ?? error) as GraphQLError)) {
        logger.error({ err: error.originalError ?? error, path: error.path, requestId }, 'unexpected error');
      }
      const formatted = formatError(error.toJSON(), error);
      return requestId ? { ...formatted, extensions: { ...formatted.extensions, requestId } } : formatted;
    });

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema: options.schema,
      // Never put internal error messages into close reasons.
      isProd: true,
      onConnect: async (ctx) => {
        const signed = verifyGatewayConnection(options.gatewaySigningSecret, ctx.extra.request.url ?? '', ctx.connectionParams);
        if (!signed.ok) {
          logger.warn({ reason: signed.reason, remoteAddress: ctx.extra.request.socket.remoteAddress }, 'refused a WebSocket connection not signed by the gateway');
          return false;
        }
        try {
          const credentials = credentialsFromConnectionParams(ctx.connectionParams);
          ctx.extra.principal = await factory.authenticate(credentials);
          ctx.extra.credentials = credentials;
          return true;
        } catch (error) {
          logger.debug({ err: error }, 'refused a WebSocket connection');
          return false;
        }
      },
      context: (ctx, _id, payload) => {
        // The operation's own id if it sends one, else the connection's (the gateway sends its request's).
        const given = payload.extensions?.requestId ?? ctx.connectionParams?.['x-request-id'];
        const requestId = requestIdFrom({ 'x-request-id': typeof given === 'string' ? given : undefined });
        const principal = ctx.extra.principal!;
        const create = () => factory.create(principal, requestId, ctx.extra.credentials!);
        const contextValue = create();
        renewals.set(contextValue, create);
        return contextValue;
      },
      subscribe: (args) => subscribePerEvent(args, (subscriptionContext) => renewals.get(subscriptionContext as object)?.() ?? subscriptionContext),
      onNext: (_ctx, _id, _payload, args, result) => {
        const { errors, ...rest } = result as ExecutionResult;
        if (!errors?.length) return undefined;
        return { ...rest, errors: format(errors, (args.contextValue as C | undefined)?.requestId) };
      },
      onError: (_ctx, _id, _payload, errors) => format(errors, undefined),
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );

  return {
    /** Closes every socket with 1001 and waits for them (at most `graceMs`, then terminates the rest). */
    close: async (graceMs = 3_000) => {
      const timer = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, graceMs);
      try {
        await server.dispose();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
