import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { bodyErrorHandler, formatError, gatewaySigningSecret, operationsRouter, requestMetrics, requestPlugin, subgraphSocket, tokenSettings, type Logger, type ServerHandle } from '@crm/kernel';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { exportProxy } from './edge/export-proxy';
import { gatewayContextFactory } from './edge/gateway-context.factory';
import { graphqlHandler } from './edge/graphql-handler';
import { OperationLimits, operationLimitsPlugin, withoutSuggestions } from './edge/limits';
import { playgroundRouter } from './edge/playground/playground';
import { InflightRequests } from './subgraphs/inflight-requests';
import { SubgraphDataSource } from './subgraphs/subgraph-data-source';
import { readinessUrl, subgraphUrls } from './subgraphs/subgraph-urls';
import { attachGraphQLWs } from './subscriptions/graphql-ws-server';
import { SubscriptionEngine } from './subscriptions/subscription-engine';

/** Starts the gateway: the composed supergraph behind one `/graphql`, plus probes and the playground. */
export async function start(config: GatewayConfig, logger: Logger): Promise<ServerHandle> {
  const urls = subgraphUrls(config);
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  // The same data sources serve queries and the hydration of subscription events.
  const dataSources: ServiceMap = {};
  const signingSecret = gatewaySigningSecret(config, logger);
  // One for all subgraphs: a write to any of them starts a new generation for all.
  const inflight = new InflightRequests();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => (dataSources[name] = new SubgraphDataSource(name, urls[name] ?? url!, config.SUBGRAPH_TIMEOUT_MS, signingSecret, inflight)),
    logger,
  });
  const engine = new SubscriptionEngine({
    serviceMap: dataSources,
    // A shared stream's upstream, with the token of one of its subscribers; it reconnects until the stream ends.
    connect: (serviceName, credentials) => subgraphSocket({ url: urls[serviceName], signingSecret, credentials }),
    logger,
    queueLimit: config.SUBSCRIPTION_QUEUE_LIMIT,
    // Event errors are masked like those of queries (formatClientError is declared below, for Apollo).
    formatError: (formatted, error) => formatClientError(formatted, error),
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = schema;
    engine.updateSchema(coreSupergraphSdl, schema);
  });

  const limits = new OperationLimits({
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxRootFields: config.MAX_ROOT_FIELDS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST,
    production: config.NODE_ENV === 'production',
  });
  // No "Did you mean …?" in production: it reveals field names one typo at a time.
  const formatClientError: typeof formatError =
    config.NODE_ENV === 'production' ? (formatted, error) => withoutSuggestions(formatError(formatted, error)) : formatError;

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatClientError,
    includeStacktraceInErrorResponses: false,
    // Limits checked before anything is planned: tokens while parsing, shape while validating,
    // cost and introspection (which need the variables and the caller) in the plugin.
    parseOptions: limits.parseOptions,
    validationRules: [...limits.validationRules],
    // Apollo's default, stated: a GET or simple-content-type POST needs a preflight-forcing header.
    csrfPrevention: true,
    // APQ (Apollo's default in-memory cache) stays on for mobile clients; see http-conformance.e2e.ts.
    // runMain owns SIGTERM/SIGINT; a second, competing stop from Apollo would hang the drain.
    stopOnTerminationSignals: false,
    introspection: true,
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), requestPlugin<GatewayContext>(logger), operationLimitsPlugin(limits)],
  });
  await apollo.start();

  const tokens = tokenSettings(config, logger);
  const createContext = gatewayContextFactory(tokens);
  const ws = attachGraphQLWs({
    httpServer,
    path: '/graphql',
    engine,
    apollo,
    tokens,
    logger,
    schema: () => apiSchema!,
    limits,
    formatError: formatClientError,
    subscriptionLimits: { perSocket: config.MAX_SUBSCRIPTIONS_PER_SOCKET, perUser: config.MAX_SUBSCRIPTIONS_PER_USER },
    maxMessageSize: config.BODY_LIMIT,
  });
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  app.use(requestMetrics());
  app.use(
    operationsRouter(
      Object.entries(urls).map(([name, url]) => ({
        name: `subgraph:${name}`,
        check: async () => {
          const response = await fetch(readinessUrl(url), { signal: AbortSignal.timeout(2_000) });
          if (!response.ok) throw new Error(`answered ${response.status}`);
        },
      })),
    ),
  );
  if (config.PLAYGROUND) {
    if (config.NODE_ENV === 'production') {
      // Only a signed-in ADMIN or ANALYST gets the IDE (POST /graphql/playground-session sets a
      // session cookie). The API below never authenticates from that cookie, only from the
      // Authorization header, so the cookie opens no CSRF hole.
      app.use(playgroundRouter({ endpoint: '/graphql', signIn: { tokens, logger } }));
    } else {
      const defaultHeaders = config.PLAYGROUND_TOKEN ? JSON.stringify({ Authorization: `Bearer ${config.PLAYGROUND_TOKEN}` }, null, 2) : null;
      app.use(playgroundRouter({ endpoint: '/graphql', defaultHeaders }));
    }
  }
  // Streamed exports (e.g. GET /exports/segments/:id.csv), made by the subgraphs, same token check as GraphQL.
  app.use('/exports', cors({ origin: origins, credentials: false }));
  app.use(exportProxy({ urls, signingSecret, tokens, logger, timeoutMs: config.SUBGRAPH_TIMEOUT_MS }));
  app.use(
    '/graphql',
    cors({ origin: origins, credentials: false }),
    express.json({ limit: config.BODY_LIMIT }),
    graphqlHandler(apollo, createContext, inflight),
  );
  app.use(bodyErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    stop: async () => {
      await ws.dispose();
      engine.stop();
      await apollo.stop();
    },
  };
}
