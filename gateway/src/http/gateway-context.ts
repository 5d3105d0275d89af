import { principalFromHeader, requestIdFrom, type Principal, type RequestScoped, type TokenSettings } from '@crm/kernel';
import type { Request } from 'express';

export interface GatewayContext extends RequestScoped {
  principal: Principal;
  /** The caller's `Authorization` header, forwarded to subgraphs. */
  authorization: string;
}

/** Verifies the bearer token at the edge, so an unauthenticated request never reaches a subgraph. */
export function gatewayContextFactory(tokens: TokenSettings) {
  return async (req: Request): Promise<GatewayContext> => {
    const authorization = req.headers.authorization ?? '';
    const principal = await principalFromHeader(authorization, tokens);
    return { requestId: requestIdFrom(req.headers), principal, authorization };
  };
}
