import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import { authorizationScope, type InflightRequests } from './inflight-requests';
import { subgraphPost, type SubgraphAnswer, type SubgraphPost } from './subgraph-post';

/** A subgraph's GraphQL result, as the query plan's executor takes it. */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * How the gateway sends one fetch of a query plan to a subgraph: signed as the gateway (subgraphs
 * refuse anything unsigned), with the caller's token (subgraphs verify it again) and the request
 * id, under a timeout shorter than a client's so one slow subgraph cannot hang the gateway. Reads
 * identical to one already in flight for the same caller share its answer (`InflightRequests`).
 *
 * Written against the `GraphQLDataSource` interface rather than on Apollo's RemoteGraphQLDataSource:
 * that one builds node-fetch Request and Headers objects for every fetch and parses bodies through
 * them, work that showed up in the gateway's profile and that nothing here needs.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly post: SubgraphPost;

  /** @param signingSecret `GATEWAY_SIGNING_SECRET`, shared with every subgraph. */
  constructor(
    private readonly name: string,
    private readonly url: string,
    timeoutMs: number,
    signingSecret: string,
    private readonly inflight: InflightRequests,
  ) {
    this.post = subgraphPost(url, signingSecret, timeoutMs);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Health checks and schema loading have no caller; only an operation's fetches carry one.
    const incoming = 'incomingRequestContext' in options ? options : undefined;
    const context = incoming?.context;
    if (context) {
      headers['x-request-id'] = context.requestId;
      if (context.authorization) headers.authorization = context.authorization;
    }
    const send = () => this.post(body, headers);
    const operation = incoming?.incomingRequestContext.operation?.operation;
    let answer: SubgraphAnswer;
    if (!context?.principal || operation === undefined || operation === 'mutation') {
      answer = await send();
      // Reads that start once this write has answered must see it (InflightRequests).
      if (operation === 'mutation') this.inflight.wrote();
    } else {
      answer = await this.inflight.subgraphRead(this.name, authorizationScope(context.principal), body, send);
    }
    return resultOf(answer, this.url, request.query);
  }
}

/**
 * The subgraph's GraphQL result. A subgraph answers a request it refuses as a whole (e.g. an
 * argument its validation rejects) with HTTP 4xx and GraphQL errors; that refusal is the client's
 * mistake, so it is handed on as the result it is: its errors keep their code and message, and
 * those without a path get the path of the request's first root field, so the client sees which
 * field was refused while the fields of other fetches keep their data. Any other failure is an
 * error the gateway masks.
 */
function resultOf({ status, statusText, contentType, body }: SubgraphAnswer, url: string, query: string): GatewayGraphQLResponse {
  const answer = contentType.includes('json') ? (parseJson(body) as (GatewayGraphQLResponse & { errors?: Array<{ path?: unknown }> }) | undefined) : undefined;
  if (status >= 200 && status < 300) {
    if (!answer || typeof answer !== 'object') throw new Error(`Expected JSON response body, but received: ${body}`);
    return answer;
  }
  if (status >= 400 && status < 500 && answer && Array.isArray(answer.errors)) {
    const path = rootFieldPath(query);
    return { ...answer, errors: answer.errors.map((error) => (error.path || !path ? error : { ...error, path })) } as GatewayGraphQLResponse;
  }
  const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
  throw new GraphQLError(`${status}: ${statusText}`, {
    extensions: { response: { url, status, statusText, body: answer ?? body }, ...(code ? { code } : {}) },
  });
}

/** The response name of the first root field of a subgraph request, unless it is an entity fetch. */
function rootFieldPath(query: string): string[] | undefined {
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
