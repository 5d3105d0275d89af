import type { Principal, RequestScoped } from '@crm/kernel';

/**
 * What every operation carries, over HTTP and WebSocket alike: the verified caller, their token
 * for the subgraphs and the request id. Here at the root because every room uses it (the edge
 * makes it from headers, the WebSocket server from `connectionParams`, the subgraph clients
 * forward it), so none has to import another for it.
 */
export interface GatewayContext extends RequestScoped {
  principal: Principal;
  /** The caller's `Authorization` header, forwarded to subgraphs. */
  authorization: string;
}
