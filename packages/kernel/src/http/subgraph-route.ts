import type { ServerResponse } from 'node:http';
import type { Router } from 'express';
import { Router as createRouter } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors/crm-error';
import { formatError, isUnexpectedError } from '../errors/format-error';
import { requestIdFrom } from './request-id';
import type { RequestScoped } from './request-plugin';
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

/** HTTP status of each public error code; anything else is 500. */
const STATUS: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Unavailable]: 503,
};

/**
 * An error as a plain HTTP answer: the status of its code and the GraphQL error shape clients
 * already parse, masked exactly like GraphQL errors (`formatError`), with the request id.
 */
export function errorResponse(error: unknown, requestId: string): { status: number; body: { errors: GraphQLFormattedError[] } } {
  const formatted = formatError(error instanceof GraphQLError ? error.toJSON() : { message: String((error as Error)?.message ?? error) }, error);
  const code = String(formatted.extensions?.code ?? ErrorCode.Internal);
  return { status: STATUS[code] ?? 500, body: { errors: [{ message: formatted.message, extensions: { ...formatted.extensions, requestId } }] } };
}

/** Writes `errorResponse(error)` when nothing was sent yet, else cuts the response short; logs what was unexpected. */
export function answerError(response: ServerResponse, error: unknown, requestId: string, logger: Logger): void {
  const unexpected = !(error instanceof GraphQLError) || isUnexpectedError(error);
  if (unexpected) logger.error({ err: error, requestId }, 'unexpected error in an HTTP route');
  if (response.headersSent) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  const { status, body } = errorResponse(error, requestId);
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
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
