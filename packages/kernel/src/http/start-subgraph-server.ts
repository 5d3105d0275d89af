import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { formatError } from '../errors/format-error';
import { httpRequestDuration } from '../metrics/metrics';
import { operationsRouter, type ReadinessCheck } from './operations-router';
import { requestPlugin, type RequestScoped } from './request-plugin';

export interface SubgraphServerOptions<C extends RequestScoped> {
  schema: GraphQLSchema;
  logger: Logger;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Builds the per-request context; throw a CrmError (e.g. UNAUTHENTICATED) to refuse the request. */
  context: (req: express.Request) => Promise<C>;
  readiness: ReadinessCheck[];
  /** Largest accepted request body. Default `1mb`. */
  bodyLimit?: string;
  /** Allow schema introspection. Default true: the gateway is the public edge. */
  introspection?: boolean;
}

/** Something started that can be stopped, with the address it listens on. */
export interface ServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Runs a subgraph's Apollo Server on express with `/graphql`, `/health`, `/ready` and `/metrics`. */
export async function startSubgraphServer<C extends RequestScoped>(options: SubgraphServerOptions<C>): Promise<ServerHandle> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? true,
    logger: options.logger,
    // We send no traces to Apollo Studio; inline traces would only cost time on every request.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), requestPlugin<C>(options.logger)],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const stop = httpRequestDuration.startTimer();
    res.on('finish', () => stop({ route: req.path === '/graphql' ? '/graphql' : 'other', status: String(res.statusCode) }));
    next();
  });
  app.use(operationsRouter(options.readiness));
  app.use('/graphql', express.json({ limit: options.bodyLimit ?? '1mb' }), expressMiddleware(apollo, { context: ({ req }) => options.context(req) }));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    port,
    url: `http://${options.host}:${port}/graphql`,
    // Stops accepting, lets in-flight requests finish (drain plugin), then resolves.
    stop: () => apollo.stop(),
  };
}
