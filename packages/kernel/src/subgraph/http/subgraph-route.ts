import type { ServerResponse } from 'node:http';
import type { Router } from 'express';
import { Router as createRouter } from 'express';
import type { Logger } from 'pino';
import { answerError } from '../../core/http/answer-error';
import { requestIdFrom } from '../../core/http/request-id';
import type { RequestScoped } from '../../core/http/request-plugin';
import { requireGatewaySignature } from './require-gateway-signature';
import { credentialsFromHeaders, type ContextFactory } from './service-context';

/** What a route handler gets of its request: the path parameters and a signal that aborts when the caller goes away. */
export interface SubgraphRouteRequest {
  /** Path parameters by name, as express parsed them from the route's `path`. */
  params: Record<string, string>;
  /** Aborts when the client disconnects before the response has finished: stop querying then. */
  signal: AbortSignal;
}

/**
 * A plain HTTP `GET` endpoint a subgraph serves besides `/graphql`, e.g. a streamed CSV export
 * (`ServiceDefinition.routes`). It is guarded exactly like `/graphql`: the gateway's signature is
 * required (401 otherwise), then the caller's `Authorization` token is verified and the handler
 * runs with a context built for that caller, with fresh loaders.
 */
export interface SubgraphRoute<C> {
  /** An express path, e.g. `/exports/segments/:file`. */
  path: string;
  /**
   * Answers one request. A throw before anything is written answers JSON
   * `{ errors: [{ message, extensions: { code, requestId } }] }` with the status of its code (see
   * `errorResponse`); once the first byte is out, a failure can only cut the response short (the
   * connection is destroyed, so the client sees an incomplete transfer rather than a short file).
   */
  handle(request: SubgraphRouteRequest, response: ServerResponse, context: C): Promise<void>;
}


/** The routes of one subgraph as an express router, each behind the gateway signature and the caller's token. */
export function subgraphRoutes<C extends RequestScoped>(
  routes: readonly SubgraphRoute<C>[],
  options: { context: ContextFactory<C>; gatewaySigningSecret: string; logger: Logger },
): Router {
  const router = createRouter();
  for (const route of routes) {
    router.get(route.path, requireGatewaySignature(options.gatewaySigningSecret, options.logger), async (req, res) => {
      const requestId = requestIdFrom(req.headers);
      const aborted = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) aborted.abort();
      });
      try {
        const credentials = credentialsFromHeaders(req.headers);
        const context = options.context.create(await options.context.authenticate(credentials), requestId, credentials);
        await route.handle({ params: req.params as Record<string, string>, signal: aborted.signal }, res, context);
      } catch (error) {
        if (aborted.signal.aborted) return;
        answerError(res, error, requestId, options.logger);
      }
    });
  }
  return router;
}
