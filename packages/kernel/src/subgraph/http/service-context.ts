import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import { principalFromHeader, type TokenSettings } from '../../core/auth/tokens';
import type { RequestScoped } from '../../core/http/request-plugin';
import type { OnBehalfOf } from './sibling-subgraph';

/** What every subgraph resolver gets: the verified caller, the database, this operation's loaders and the service's event sources. */
export interface ServiceContext<L, E = Record<string, never>, S = undefined> extends RequestScoped {
  principal: Principal;
  db: DataSource;
  loaders: L;
  logger: Logger;
  /** The service's event sources (see `ServiceDefinition.events`); shared by the whole process. */
  events: E;
  /** The service's settings (see `ServiceDefinition.settings`); shared by the whole process. */
  settings: S;
}

/** How a caller proves who they are, whatever the transport. */
export interface Credentials {
  /** `Bearer <token>`. */
  authorization: string | undefined;
}

/** From an HTTP request's `Authorization` header. */
export function credentialsFromHeaders(headers: IncomingHttpHeaders): Credentials {
  return { authorization: headers.authorization };
}

/** From graphql-ws `connection_init` params: `{ authorization: "Bearer <token>" }` (`Authorization` accepted too). */
export function credentialsFromConnectionParams(params: Record<string, unknown> | null | undefined): Credentials {
  const value = params?.authorization ?? params?.Authorization;
  return { authorization: typeof value === 'string' ? value : undefined };
}

/**
 * Builds contexts the same way for every transport: `authenticate` once per HTTP request or per
 * WebSocket connection, then `create` per operation — and per subscription event, so that each
 * event resolves with fresh loaders.
 */
export interface ContextFactory<C> {
  /** Verifies the credentials; UNAUTHENTICATED when they are missing or invalid. */
  authenticate(credentials: Credentials): Promise<Principal>;
  /**
   * A new context for `principal`, with loaders no one else has used. `credentials` are the ones
   * `principal` was verified from, for loaders that ask a sibling subgraph as the caller.
   */
  create(principal: Principal, requestId: string, credentials: Credentials): C;
}

/** The subgraphs' context factory; loaders are created anew for each context so no cache crosses users or events. */
export function serviceContextFactory<L, E = Record<string, never>, S = undefined>(
  db: DataSource,
  tokens: TokenSettings,
  logger: Logger,
  createLoaders: (db: DataSource, principal: Principal, caller: OnBehalfOf) => L,
  events: E = {} as E,
  settings: S = undefined as S,
): ContextFactory<ServiceContext<L, E, S>> {
  return {
    authenticate: (credentials) => principalFromHeader(credentials.authorization, tokens),
    create: (principal, requestId, credentials) => ({
      requestId,
      principal,
      db,
      loaders: createLoaders(db, principal, { authorization: credentials.authorization, requestId }),
      logger: logger.child({ requestId }),
      events,
      settings,
    }),
  };
}
