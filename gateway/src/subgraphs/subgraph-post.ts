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

/** POSTs one GraphQL request body, with `headers`, to the subgraph a `subgraphPost` was made for. */
export type SubgraphPost = (body: string, headers: Record<string, string>) => Promise<SubgraphAnswer>;

/**
 * How the gateway POSTs GraphQL requests to the subgraph at `url`: signed as the gateway over the
 * exact path and body sent (subgraphs refuse anything unsigned), over kept-alive connections
 * reused by every request. undici's `request` rather than `fetch`: a fetch builds WHATWG Request,
 * Headers, stream and AbortSignal objects for every call, several times the CPU of the request
 * itself at the gateway's rate of subgraph calls.
 *
 * The whole exchange must end within `timeoutMs`, so one slow subgraph cannot hang the gateway;
 * connecting, waiting for the headers and for the body are each bounded by it too (a frozen
 * subgraph may accept connections and never answer), which ends a request given up on.
 */
export function subgraphPost(url: string, signingSecret: string, timeoutMs: number): SubgraphPost {
  const { pathname, search } = new URL(url);
  const path = pathname + search;
  const pool = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });

  const exchange = async (body: string, headers: Record<string, string>): Promise<SubgraphAnswer> => {
    const signed = signGatewayRequest(signingSecret, { method: 'POST', path, body });
    const response = await request(url, { method: 'POST', headers: { ...headers, ...gatewaySignatureHeaders(signed) }, body, dispatcher: pool });
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      contentType: Array.isArray(contentType) ? contentType.join(', ') : (contentType ?? ''),
      body: await response.body.text(),
    };
  };

  return async (body, headers) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The subgraph did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([exchange(body, headers), deadline]);
    } catch (error) {
      // undici's errors carry socket codes (ECONNREFUSED, …) that error formatting would take for
      // the gateway's own database; wrapped, they are what they are: a subgraph out of reach,
      // masked for the client and logged with the cause.
      throw new Error(`The subgraph at ${url} could not be reached`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
}
