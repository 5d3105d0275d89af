import { gatewayConnectionParams, gatewaySignatureHeaders, signGatewayRequest } from '@crm/kernel';
import { TEST_GATEWAY_SIGNING_SECRET } from './test-gateway-signing';

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

async function post<T>(url: string, body: string, headers: Record<string, string>, token: string | undefined): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: response.status, ...((await response.json()) as GraphQLResponse<T>) };
}

/** POSTs one GraphQL operation (to the gateway: subgraphs refuse it unsigned); returns the HTTP status with the parsed body. */
export function graphqlRequest<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T> & { status: number }> {
  return post<T>(url, JSON.stringify({ query, variables }), {}, token);
}

/**
 * Like {@link graphqlRequest}, but signed as the gateway signs it, for tests that call a subgraph
 * directly. `secret` defaults to the one test processes run with.
 */
export function signedGraphqlRequest<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  secret: string = TEST_GATEWAY_SIGNING_SECRET,
): Promise<GraphQLResponse<T> & { status: number }> {
  const body = JSON.stringify({ query, variables });
  return post<T>(url, body, signedRequestHeaders(url, body, secret), token);
}

/**
 * GETs `path` (e.g. a CSV export route) of the service at `url` with `token` (none: anonymous),
 * signed as the gateway signs it unless `signed` is false; answers the raw response.
 */
export function signedGet(url: string, path: string, { token, signed = true, secret = TEST_GATEWAY_SIGNING_SECRET }: { token?: string; signed?: boolean; secret?: string } = {}): Promise<Response> {
  return fetch(new URL(path, url), {
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(signed ? gatewaySignatureHeaders(signGatewayRequest(secret, { method: 'GET', path, body: '' })) : {}),
    },
  });
}

/** The gateway's signature headers for POSTing `body` to `url`. */
export function signedRequestHeaders(url: string, body: string, secret: string = TEST_GATEWAY_SIGNING_SECRET): Record<string, string> {
  const { pathname, search } = new URL(url);
  return gatewaySignatureHeaders(signGatewayRequest(secret, { method: 'POST', path: pathname + search, body }));
}

/**
 * graphql-ws `connectionParams` for a direct connection to a subgraph at `url` (http or ws): `params`
 * plus the gateway's signature, signed anew on every (re)connect.
 */
export function signedConnectionParams(
  url: string,
  params: Record<string, unknown> = {},
  secret: string = TEST_GATEWAY_SIGNING_SECRET,
): () => Record<string, unknown> {
  const { pathname, search } = new URL(url);
  return () => ({ ...params, ...gatewayConnectionParams(secret, pathname + search) });
}

/**
 * POSTs any JSON `body` (or a string as it is) to `url`, for tests of the HTTP answer itself: the
 * status, the raw text and, when the answer is JSON, the parsed body.
 */
export async function postJson(
  url: string,
  body: unknown,
  { token, headers = {}, signal }: { token?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ status: number; text: string; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  return { status: response.status, text, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}
