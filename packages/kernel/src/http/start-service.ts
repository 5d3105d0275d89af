import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { tokenSettings } from '../auth/token-settings';
import type { ServiceConfig } from '../config/base-config';
import { initializeDatabase } from '../db/data-source';
import { PostgresNotificationListener } from '../events/postgres-notification-listener';
import { gatewaySigningSecret } from './gateway-signature';
import { serviceContextFactory } from './service-context';
import { startSubgraphServer, type ServerHandle } from './start-subgraph-server';

/** What a service's event sources are built from. */
export interface EventResources {
  db: DataSource;
  /** The process's one LISTEN connection, shared by all its PostgreSQL event sources. */
  listener: PostgresNotificationListener;
  logger: Logger;
}

/** Event sources by name, e.g. `{ dealStageChanges }`; each is closed when the service stops. */
export type EventSources = Record<string, { close(): Promise<void> }>;

/** What makes one subgraph different from its siblings; everything else is shared. */
export interface ServiceDefinition<L, E extends EventSources = Record<string, never>> {
  name: string;
  dataSource: (url: string, logger: Logger, poolSize?: number) => DataSource;
  schema: () => Promise<GraphQLSchema>;
  /** Loaders for one operation of `principal`: lookups through them see only what the caller may read. */
  createLoaders: (db: DataSource, principal: Principal) => L;
  /**
   * The service's event sources, built once at start (after migrations) and handed to every
   * context as `ctx.events`. Only services that serve subscriptions need them; a LISTEN connection
   * is opened only when this is given.
   */
  events?: (resources: EventResources) => E;
}

export interface ServiceHandle extends ServerHandle {
  db: DataSource;
}

/** Connects and migrates the service's schema, then serves its subgraph until `stop()`. */
export async function startService<L, E extends EventSources = Record<string, never>>(
  definition: ServiceDefinition<L, E>,
  config: ServiceConfig,
  logger: Logger,
): Promise<ServiceHandle> {
  const db = definition.dataSource(config.DATABASE_URL, logger, config.DB_POOL_SIZE);
  await initializeDatabase(db);
  const listener = definition.events
    ? new PostgresNotificationListener({ url: config.DATABASE_URL, logger, applicationName: `crm-${definition.name}-listener` })
    : null;
  const events = definition.events?.({ db, listener: listener!, logger }) ?? ({} as E);
  const closeEvents = async () => {
    await Promise.all(Object.values(events).map((source) => source.close()));
    await listener?.close();
  };
  let server: ServerHandle;
  try {
    await listener?.start();
    const schema = await definition.schema();
    server = await startSubgraphServer({
      schema,
      logger,
      host: config.HOST,
      port: config.PORT,
      context: serviceContextFactory(db, tokenSettings(config, logger), logger, definition.createLoaders, events),
      readiness: [{ name: 'database', check: async () => void (await db.query('SELECT 1')) }],
      gatewaySigningSecret: gatewaySigningSecret(config, logger),
    });
  } catch (error) {
    await closeEvents().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw error;
  }
  logger.info({ url: server.url }, `${definition.name} subgraph ready`);
  return {
    ...server,
    db,
    // Sockets (1001) and HTTP first, then the event streams, then the database they read.
    stop: async () => {
      await server.stop();
      await closeEvents();
      await db.destroy();
    },
  };
}
