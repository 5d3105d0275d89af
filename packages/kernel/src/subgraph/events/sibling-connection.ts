import type { ServiceTokenSource } from '../auth/service-token';
import type { OnBehalfOf } from '../http/sibling-subgraph';

/** How a service reaches a sibling subgraph on its own behalf: signed like the gateway, as the system principal. */
export interface SiblingConnection {
  /** The sibling's GraphQL endpoint, e.g. `http://127.0.0.1:4002/graphql`; sockets go to the same path over ws/wss. */
  url: string;
  /** `GATEWAY_SIGNING_SECRET`: subgraphs refuse anything not signed with it. */
  signingSecret: string;
  /** The system principal's token (`serviceTokenSource`). */
  token: ServiceTokenSource;
}

/**
 * The system principal as the caller of a `SiblingSubgraph` request (a lookup an event handler
 * needs, e.g. an account's owner), with `requestId` joining the sibling's log lines to the event's.
 */
export async function asSystem(token: ServiceTokenSource, requestId: string): Promise<OnBehalfOf> {
  return { authorization: `Bearer ${await token()}`, requestId };
}
