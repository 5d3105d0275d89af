import { gatewaySignatureHeaders, signGatewayRequest } from '@crm/kernel';

/**
 * `fetch` signed as the gateway over the exact method, path and body sent (subgraphs refuse anything
 * unsigned), for what is streamed through to the client (exports); GraphQL requests, many per
 * operation, go through the leaner `subgraphPost`.
 */
export function signedFetch(signingSecret: string, input: string | URL, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  const { pathname, search } = new URL(input);
  const body = typeof init.body === 'string' ? init.body : '';
  const signed = signGatewayRequest(signingSecret, { method: init.method ?? 'GET', path: pathname + search, body });
  return fetch(input, { ...init, headers: { ...init.headers, ...gatewaySignatureHeaders(signed) } });
}
