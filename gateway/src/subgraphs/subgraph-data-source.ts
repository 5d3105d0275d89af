import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { gatewaySignatureHeaders, signGatewayRequest } from '@crm/kernel';
import type { GatewayContext } from '../http/gateway-context';

/**
 * `fetch` signed as the gateway over the exact method, path and body sent (subgraphs refuse anything
 * unsigned): the one way the gateway calls a subgraph over HTTP, for GraphQL and for exports alike.
 */
export function signedFetch(signingSecret: string, input: string | URL, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  const { pathname, search } = new URL(input);
  const body = typeof init.body === 'string' ? init.body : '';
  const signed = signGatewayRequest(signingSecret, { method: init.method ?? 'GET', path: pathname + search, body });
  return fetch(input, { ...init, headers: { ...init.headers, ...gatewaySignatureHeaders(signed) } });
}

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
      fetcher: ((input: string, init: RequestInit & { headers?: Record<string, string> }) =>
        signedFetch(signingSecret, input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context || !('requestId' in context)) return;
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}
