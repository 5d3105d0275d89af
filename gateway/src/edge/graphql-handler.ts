import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import { metricsRegistry } from '@crm/kernel';
import type { Request, RequestHandler } from 'express';
import { Counter } from 'prom-client';
import type { GatewayContext } from '../context';
import { authorizationScope, type InflightRequests } from '../subgraphs/inflight-requests';

export const operationsShared = new Counter({
  name: 'crm_gateway_operations_shared_total',
  help: 'GraphQL operations answered by an identical one in flight for the same authorization scope',
  registers: [metricsRegistry],
});

/** The request headers an operation's answer can depend on (besides the caller): content negotiation and CSRF prevention. */
const ANSWER_HEADERS = ['accept', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'] as const;

/** A document that may hold a mutation or a subscription is never shared (a word match: when in doubt, run it). */
const WRITES_OR_STREAMS = /\b(mutation|subscription)\b/;

/**
 * `/graphql` over HTTP: Apollo Server's request execution, with identical reads in flight shared.
 * A query whose document, variables, answer-relevant headers and authorization scope equal those of
 * one already running gets that one's answer instead of being planned and run again — the work a
 * screen full of clients asking the same thing at once does not need to repeat. Errors are shared
 * too (a subgraph that timed out for one has timed out for all of them), each with the request id of
 * the caller it is sent to. Writes end the reads that may be joined (InflightRequests).
 *
 * Apollo's own Express integration takes the context lazily; this one builds it first, because
 * the authorization scope is part of what makes two operations identical.
 */
export function graphqlHandler(
  apollo: ApolloServer<GatewayContext>,
  createContext: (req: Request) => Promise<GatewayContext>,
  inflight: InflightRequests,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const httpGraphQLRequest = { method: req.method.toUpperCase(), headers: headerMap(req), search: searchOf(req.url), body: req.body };
      const execute = (context: () => Promise<GatewayContext>) => apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
      const key = await sharingKey(req, createContext);
      let response: HTTPGraphQLResponse;
      if (!key) {
        response = await execute(() => createContext(req));
      } else {
        const { result, joined } = inflight.join(key.value, async () => ({ requestId: key.context.requestId, response: await execute(async () => key.context) }));
        const shared = await result;
        const answer = joined ? forCaller(shared, key.context.requestId) : shared.response;
        if (joined && answer) operationsShared.inc();
        response = answer ?? (await execute(async () => key.context));
      }
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.send(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** What makes two operations identical, with the caller's context; none when the operation must run on its own. */
async function sharingKey(req: Request, createContext: (req: Request) => Promise<GatewayContext>): Promise<{ value: string; context: GatewayContext } | undefined> {
  const body = req.body as { query?: unknown } | undefined;
  const query = req.method === 'GET' ? new URLSearchParams(searchOf(req.url)).get('query') : body?.query;
  if (typeof query !== 'string' || WRITES_OR_STREAMS.test(query)) return undefined;
  // A bad token is answered by Apollo's own path, with its error.
  const context = await createContext(req).catch(() => undefined);
  if (!context) return undefined;
  const headers = ANSWER_HEADERS.map((name) => req.headers[name] ?? '');
  return { value: JSON.stringify([authorizationScope(context.principal), req.method, searchOf(req.url), headers, req.method === 'GET' ? null : req.body]), context };
}

/**
 * The shared answer as the caller with `requestId` must get it: the request id in its errors (the
 * only part of an answer that names the request that ran it) replaced by theirs. None when the
 * answer is streamed (incremental delivery): that caller runs its own.
 */
function forCaller(shared: { requestId: string; response: HTTPGraphQLResponse }, requestId: string): HTTPGraphQLResponse | undefined {
  const { response } = shared;
  if (response.body.kind !== 'complete') return undefined;
  // Request ids are [\w-] only (requestIdFrom), so they stand in the JSON exactly as written.
  const string = response.body.string.split(`"requestId":"${shared.requestId}"`).join(`"requestId":"${requestId}"`);
  return { ...response, body: { kind: 'complete', string } };
}

function headerMap(req: Request): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function searchOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at);
}
