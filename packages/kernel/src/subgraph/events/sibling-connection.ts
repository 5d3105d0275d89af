import type { ServiceTokenSource } from '../auth/service-token';
import type { OnBehalfOf } from '../http/sibling-subgraph';
import { gatewayConnectionParams } from '../../core/http/gateway-signature';

/** How a service reaches a sibling subgraph on its own behalf: signed like the gateway, as the system principal. */
export interface SiblingConnection {
  /** The sibling's GraphQL endpoint, e.g. `http://127.0.0.1:4002/graphql`; sockets go to the same path over ws/wss. */
  url: string;
  /** `GATEWAY_SIGNING_SECRET`: subgraphs refuse anything not signed with it. */
  signingSecret: string;
  /** The system principal's token (`serviceTokenSource`). */
  token: ServiceTokenSource;
}

/** `http://host:4002/graphql` → `ws://host:4002/graphql` (https → wss). */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/**
 * graphql-ws `connectionParams` for a connection to a sibling: the system principal's token and the
 * gateway's signature for the socket's path (`gatewayConnectionParams`), both made anew for every
 * (re)connect, so neither a stale timestamp nor an expired token is ever sent.
 */
export async function siblingConnectionParams(sibling: SiblingConnection): Promise<Record<string, unknown>> {
  const { pathname, search } = new URL(toWebSocketUrl(sibling.url));
  return { authorization: `Bearer ${await sibling.token()}`, ...gatewayConnectionParams(sibling.signingSecret, pathname + search) };
}

/**
 * The system principal as the caller of a `SiblingSubgraph` request (a lookup an event handler
 * needs, e.g. an account's owner), with `requestId` joining the sibling's log lines to the event's.
 */
export async function asSystem(token: ServiceTokenSource, requestId: string): Promise<OnBehalfOf> {
  return { authorization: `Bearer ${await token()}`, requestId };
}
