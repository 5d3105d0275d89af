import type { Request } from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { principalFromHeader, type TokenSettings } from '../auth/tokens';
import { requestIdFrom } from './request-id';
import type { RequestScoped } from './request-plugin';

/** What every subgraph resolver gets: the verified caller, the database and this request's loaders. */
export interface ServiceContext<L> extends RequestScoped {
  principal: Principal;
  db: DataSource;
  loaders: L;
  logger: Logger;
}

/** Builds a context per request; loaders are created anew each time so no cache crosses users. */
export function serviceContextFactory<L>(db: DataSource, tokens: TokenSettings, logger: Logger, createLoaders: (db: DataSource) => L) {
  return async (req: Request): Promise<ServiceContext<L>> => {
    const requestId = requestIdFrom(req.headers);
    const principal = await principalFromHeader(req.headers.authorization, tokens);
    return { requestId, principal, db, loaders: createLoaders(db), logger: logger.child({ requestId }) };
  };
}
