import { STATUS_CODES } from 'node:http';
import { gatewaySignatureHeaders, signGatewayRequest } from '@crm/kernel';
import { Agent, request } from 'undici';

/** A subgraph's answer to a GraphQL POST, read whole: a value several callers can share. */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

/**
 * Kept-alive connections to the subgraphs, reused by every request. undici's `request` rather than
 * `fetch`: a fetch builds WHATWG Request, Headers, stream and AbortSignal objects for every call,
 * several times the CPU of the request itself at the gateway's rate of subgraph calls.
 */
const pool = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

/**
 * POSTs a GraphQL request to a subgraph, signed as the gateway over the exact path and body sent
 * (subgraphs refuse anything unsigned). `timeoutMs` bounds the wait for the answer's headers and
 * for its body, so one slow subgraph cannot hang the gateway.
 */
export async function postToSubgraph(signingSecret: string, url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SubgraphAnswer> {
  const { pathname, search } = new URL(url);
  const signed = signGatewayRequest(signingSecret, { method: 'POST', path: pathname + search, body });
  const response = await request(url, {
    method: 'POST',
    headers: { ...headers, ...gatewaySignatureHeaders(signed) },
    body,
    dispatcher: pool,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const contentType = response.headers['content-type'];
  return {
    status: response.statusCode,
    statusText: STATUS_CODES[response.statusCode] ?? '',
    contentType: Array.isArray(contentType) ? contentType.join(', ') : (contentType ?? ''),
    body: await response.body.text(),
  };
}
