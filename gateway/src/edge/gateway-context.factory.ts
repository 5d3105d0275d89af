import { principalFromHeader, requestIdFrom, type TokenSettings } from '@crm/kernel';
import type { Request } from 'express';
import type { GatewayContext } from '../context';

/** Verifies the bearer token at the edge, so an unauthenticated request never reaches a subgraph. */
export function gatewayContextFactory(tokens: TokenSettings) {
  return async (req: Request): Promise<GatewayContext> => {
    const authorization = req.headers.authorization ?? '';
    const principal = await principalFromHeader(authorization, tokens);
    return { requestId: requestIdFrom(req.headers), principal, authorization };
  };
}
