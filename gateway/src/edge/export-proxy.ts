import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { answerError, CrmError, ErrorCode, principalFromHeader, requestIdFrom, ServiceUnavailableError, type Logger, type TokenSettings } from '@crm/kernel';
import { Router } from 'express';
import { signedFetch } from '../subgraphs/signed-fetch';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * The plain HTTP exports the gateway serves, each made (and streamed) by one subgraph. A route
 * matches the whole raw request path exactly, and the subgraph is asked for the path the route
 * builds from what it matched, never for the request's own path: a path with `..`, `\`, or an
 * encoded `.` or `/` matches nothing, so no request can walk to another endpoint of a subgraph
 * with the gateway's signature.
 */
export const EXPORT_ROUTES: readonly { pattern: RegExp; subgraph: string; upstreamPath: (match: RegExpExecArray) => string }[] = [
  // Every member of a segment as CSV (services/accounts/src/segments/segment-csv.route.ts).
  { pattern: new RegExp(`^/exports/segments/(${UUID})\\.csv$`), subgraph: 'accounts', upstreamPath: ([, id]) => `/exports/segments/${id.toLowerCase()}.csv` },
];

/** What an unknown export path gets: 404, without asking any subgraph. */
const NO_SUCH_EXPORT = new CrmError('There is no export at this path; segment exports are at /exports/segments/<segment id>.csv', ErrorCode.NotFound);

/** The route and the subgraph path for a raw request path, or undefined. */
export function exportRoute(rawPath: string): { subgraph: string; path: string } | undefined {
  for (const route of EXPORT_ROUTES) {
    const match = route.pattern.exec(rawPath);
    if (match) return { subgraph: route.subgraph, path: route.upstreamPath(match) };
  }
  return undefined;
}

/** Response headers passed on from the subgraph; nothing else of its answer leaves it. */
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

export interface ExportProxyOptions {
  /** Subgraph name → its GraphQL URL (the export lives at the same origin). */
  urls: Record<string, string>;
  signingSecret: string;
  tokens: TokenSettings;
  logger: Logger;
  /** How long the subgraph may take to start answering (its first batch); the stream itself has no limit. */
  timeoutMs: number;
}

/**
 * `GET` exports: the caller's token is verified here exactly as for GraphQL (UNAUTHENTICATED before
 * any subgraph is asked), then the request goes, signed like every subgraph request and with the
 * caller's token and request id, to the subgraph that makes the export, and its answer is streamed
 * back as it comes — status, type and file name included — with backpressure: the gateway reads
 * from the subgraph only as fast as the client takes, and never holds the file. Errors the subgraph
 * answers before its first byte (JSON with a code) pass through; if it cannot be reached the answer
 * is 503 SERVICE_UNAVAILABLE. A client that goes away cancels the subgraph's work.
 */
export function exportProxy(options: ExportProxyOptions): Router {
  const router = Router();
  router.get(/^\/exports\//, async (req, res) => {
    const requestId = requestIdFrom(req.headers);
    const authorization = req.headers.authorization ?? '';
    try {
      await principalFromHeader(authorization, options.tokens);
    } catch (error) {
      return answerError(res, error, requestId, options.logger);
    }
    // The raw path as sent (express leaves `%2e` and `\` as they are in req.path).
    const route = exportRoute(req.path);
    if (!route) return answerError(res, NO_SUCH_EXPORT, requestId, options.logger);
    const cancel = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) cancel.abort();
    });
    const timer = setTimeout(() => cancel.abort(), options.timeoutMs);
    let upstream: Response;
    try {
      upstream = await signedFetch(options.signingSecret, new URL(route.path, options.urls[route.subgraph]), {
        method: 'GET',
        headers: { authorization, 'x-request-id': requestId },
        signal: cancel.signal,
      });
    } catch (error) {
      if (cancel.signal.aborted && res.destroyed) return;
      options.logger.warn({ err: error, requestId, subgraph: route.subgraph }, 'export: the subgraph did not answer');
      return answerError(res, new ServiceUnavailableError('The export could not be started: the service that makes it did not answer; retry shortly'), requestId, options.logger);
    } finally {
      clearTimeout(timer);
    }
    res.status(upstream.status);
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    res.setHeader('x-request-id', requestId);
    if (!upstream.body) return void res.end();
    try {
      await pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), res);
    } catch (error) {
      // The client went away, or the subgraph cut its stream short: the client must see an incomplete transfer, never a short file.
      if (!cancel.signal.aborted) options.logger.warn({ err: error, requestId, subgraph: route.subgraph }, 'export stream ended early');
      res.destroy();
    }
  });
  return router;
}
