import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import { signedFetch } from './signed-fetch';

/**
 * Forwards the caller's token (subgraphs verify it again) and the request id, signs every request
 * as the gateway (subgraphs refuse anything unsigned), and gives every subgraph request a timeout
 * shorter than a client's so one slow subgraph cannot hang the gateway.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** @param signingSecret `GATEWAY_SIGNING_SECRET`, shared with every subgraph. */
  constructor(url: string, timeoutMs: number, signingSecret: string) {
    super({
      url,
      // Signed here, not in willSendRequest: only the fetcher sees the body string actually sent.
      fetcher: (async (input: string, init: RequestInit & { headers?: Record<string, string> }) =>
        clientErrorAsResult(await signedFetch(signingSecret, input, { ...init, signal: AbortSignal.timeout(timeoutMs) }), init.body)) as never,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context || !('requestId' in context)) return;
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

/**
 * A subgraph answers a request it refuses as a whole (e.g. an argument its validation rejects)
 * with HTTP 4xx and GraphQL errors. Apollo's data source would turn any non-2xx answer into an
 * opaque fetch failure, which reaches the client as INTERNAL_SERVER_ERROR; the refusal is the
 * client's mistake, so it is handed on as the GraphQL result it is: its errors keep their code and
 * message, and those without a path get the path of the request's first root field, so the
 * client sees which field was refused while the fields of other fetches keep their data.
 */
async function clientErrorAsResult(response: Response, requestBody: unknown): Promise<Response> {
  if (response.status < 400 || response.status >= 500 || !response.headers.get('content-type')?.includes('json')) return response;
  const text = await response.text();
  const answer = parseJson(text) as { errors?: Array<{ path?: unknown }> } | undefined;
  if (!answer || !Array.isArray(answer.errors)) return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  const path = rootFieldPath(requestBody);
  const errors = answer.errors.map((error) => (error.path || !path ? error : { ...error, path }));
  return new Response(JSON.stringify({ ...answer, errors }), { status: 200, headers: { 'content-type': 'application/json' } });
}

/** The response name of the first root field of a subgraph request, unless it is an entity fetch. */
function rootFieldPath(requestBody: unknown): string[] | undefined {
  const query = (parseJson(typeof requestBody === 'string' ? requestBody : '') as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string') return undefined;
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const first = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    if (!first || first.kind !== Kind.FIELD || first.name.value === '_entities') return undefined;
    return [first.alias?.value ?? first.name.value];
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
