import type { Logger } from 'pino';
import { ServiceUnavailableError } from '../../core/errors/service-unavailable.error';
import { gatewaySignatureHeaders, signGatewayRequest } from '../../core/http/gateway-signature';

/** Who a request to a sibling subgraph is made for: the caller's own credentials and request id. */
export interface OnBehalfOf {
  /** The caller's `Authorization` header (`Bearer …`), forwarded as is: the sibling applies the caller's own read rules. */
  authorization: string | undefined;
  /** Sent as `x-request-id`, so the sibling's log lines join the caller's. */
  requestId: string;
}

export interface SiblingSubgraphOptions {
  /** The sibling's name, for messages and logs, e.g. `accounts`. */
  name: string;
  /** Its GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  /** `GATEWAY_SIGNING_SECRET`, shared by every process: subgraphs answer nothing unsigned. */
  signingSecret: string;
  /** Give up on a request after this many milliseconds. Default 5000. */
  timeoutMs?: number;
  logger?: Logger;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Default of {@link SiblingSubgraphOptions.timeoutMs}. */
export const SIBLING_TIMEOUT_MS = 5_000;

/**
 * A subgraph asking a sibling subgraph for something it must know before it writes (e.g. the
 * opportunities service asking accounts where a contact works), for the rare checks that cannot
 * wait for the gateway. It POSTs one GraphQL operation signed exactly as the gateway signs (the
 * sibling refuses anything else) and forwards the caller's own bearer token, so the sibling applies
 * the caller's read rules: a service never learns through its sibling what its caller may not read.
 *
 * A sibling that cannot be reached, times out or answers 5xx is SERVICE_UNAVAILABLE (retryable);
 * an answer with GraphQL errors is an unexpected error (masked, logged with the request id), unless
 * the sibling itself said SERVICE_UNAVAILABLE. Reads only: never send a mutation, since a request
 * that timed out may still have run.
 */
export class SiblingSubgraph {
  private readonly path: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: SiblingSubgraphOptions) {
    const { pathname, search } = new URL(options.url);
    this.path = pathname + search;
    this.timeoutMs = options.timeoutMs ?? SIBLING_TIMEOUT_MS;
  }

  get name(): string {
    return this.options.name;
  }

  /** Runs `query` with `variables` as `caller`; resolves with `data`. */
  async query<T>(query: string, variables: Record<string, unknown>, caller: OnBehalfOf): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const signed = signGatewayRequest(this.options.signingSecret, { method: 'POST', path: this.path, body });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-request-id': caller.requestId,
      ...gatewaySignatureHeaders(signed),
      ...(caller.authorization ? { authorization: caller.authorization } : {}),
    };
    let response: Response;
    let parsed: GraphQLBody<T>;
    try {
      response = await fetch(this.options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      parsed = (await response.json()) as GraphQLBody<T>;
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw this.unavailable(timedOut ? `did not answer within ${this.timeoutMs} ms` : 'could not be reached', caller, error);
    }
    if (response.status >= 500) throw this.unavailable(`answered HTTP ${response.status}`, caller, parsed.errors);
    if (parsed.errors?.length) {
      if (parsed.errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) throw this.unavailable('is itself unavailable', caller, parsed.errors);
      throw new Error(`The ${this.name} subgraph answered HTTP ${response.status} with errors: ${parsed.errors.map((e) => e.message).join('; ')}`);
    }
    if (!parsed.data) throw new Error(`The ${this.name} subgraph answered HTTP ${response.status} without data`);
    return parsed.data;
  }

  private unavailable(reason: string, caller: OnBehalfOf, cause: unknown): ServiceUnavailableError {
    this.options.logger?.warn({ sibling: this.name, url: this.options.url, requestId: caller.requestId, reason, err: cause }, 'a sibling subgraph request failed');
    // The sibling's name and address stay in the log: clients never learn the topology.
    return new ServiceUnavailableError('A service this request needs is temporarily unavailable; retry shortly');
  }
}
