import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import { serviceTokenSource } from '../auth/service-token';
import { tokenSettings } from '../../core/auth/token-settings';
import type { ServiceConfig } from '../../core/config/base-config';
import { initializeDatabase } from '../db/data-source';
import { DEMO_BOOK_SEED, seedIfEmpty, type SeedDefinition } from '../db/seed-runner';
import type { Consumer } from '../events/event-consumer';
import type { SiblingConnection } from '../events/sibling-connection';
import { PostgresNotificationListener } from '../events/postgres-notification-listener';
import { gatewaySigningSecret } from '../../core/http/gateway-signature';
import { serviceContextFactory, type ServiceContext } from './service-context';
import type { OnBehalfOf } from './sibling-subgraph';
import type { ServerHandle } from '../../core/http/server-handle';
import { startSubgraphServer } from './start-subgraph-server';
import type { SubgraphRoute } from './subgraph-route';

/** What a service's event sources are built from. */
export interface EventResources {
  db: DataSource;
  /** The process's one LISTEN connection, shared by all its PostgreSQL event sources. */
  listener: PostgresNotificationListener;
  logger: Logger;
}

/** Event sources by name, e.g. `{ dealStageChanged }` (an event log's source goes under the log's name); each is closed when the service stops. */
export type EventSources = Record<string, { close(): Promise<void> }>;

/** What a service's event consumers are built from. */
export interface ConsumerResources {
  db: DataSource;
  logger: Logger;
  /**
   * How to reach the sibling subgraph at `url` as this service: signed with `GATEWAY_SIGNING_SECRET`
   * and authenticated as the system principal (`SYSTEM_PRINCIPAL`, see `serviceTokenSource`); its
   * `token` also makes a `SiblingSubgraph` caller (`asSystem`) for lookups.
   */
  sibling: (url: string) => SiblingConnection;
}

/** What makes one subgraph different from its siblings; everything else is shared. */
export interface ServiceDefinition<L, E extends EventSources = Record<string, never>, S = undefined> {
  name: string;
  dataSource: (url: string, logger: Logger, poolSize?: number) => DataSource;
  schema: () => Promise<GraphQLSchema>;
  /**
   * Loaders for one operation of `principal`: lookups through them see only what the caller may read.
   * `caller` is what a loader needs to ask a sibling subgraph as the caller (see `SiblingSubgraph`).
   */
  createLoaders: (db: DataSource, principal: Principal, caller: OnBehalfOf) => L;
  /**
   * The service's event sources, built once at start (after migrations) and handed to every
   * context as `ctx.events`. Only services that serve subscriptions need them; a LISTEN connection
   * is opened only when this is given.
   */
  events?: (resources: EventResources) => E;
  /**
   * The service's reactions to its siblings' events (`EventConsumer`s), started once the subgraph
   * serves and stopped first when it stops. Only services that consume events need them.
   */
  consumers?: (resources: ConsumerResources) => Consumer[];
  /** Service settings from its config that resolvers need (e.g. an interval), handed to every context as `ctx.settings`. */
  settings?: S;
  /**
   * Plain HTTP `GET` endpoints besides `/graphql` (e.g. a streamed CSV export), behind the same
   * gateway signature and token check, each request with its own context. Only services that need them.
   */
  routes?: readonly SubgraphRoute<ServiceContext<L, E, S>>[];
  /**
   * The service's slice of the demo book, loaded at start when `DEMO_SEED_SCALE` is above 0 and its
   * tables are empty: the launcher's `pnpm start` seeds this way, with no seed process per service.
   * (`any`: each service's book type is its own.)
   */
  seed?: SeedDefinition<any>;
}

export interface ServiceHandle extends ServerHandle {
  db: DataSource;
}

/** Connects and migrates the service's schema, then serves its subgraph until `stop()`. */
export async function startService<L, E extends EventSources = Record<string, never>, S = undefined>(
  definition: ServiceDefinition<L, E, S>,
  config: ServiceConfig,
  logger: Logger,
): Promise<ServiceHandle> {
  const db = definition.dataSource(config.DATABASE_URL, logger, config.DB_POOL_SIZE);
  await initializeDatabase(db);
  if (definition.seed && config.DEMO_SEED_SCALE > 0) {
    await seedIfEmpty(definition.seed, db, { scale: config.DEMO_SEED_SCALE, seed: DEMO_BOOK_SEED }, logger);
  }
  const listener = definition.events
    ? new PostgresNotificationListener({ url: config.DATABASE_URL, logger, applicationName: `crm-${definition.name}-listener` })
    : null;
  const events = definition.events?.({ db, listener: listener!, logger }) ?? ({} as E);
  const closeEvents = async () => {
    await Promise.all(Object.values(events).map((source) => source.close()));
    await listener?.close();
  };
  let server: ServerHandle | undefined;
  let consumers: Consumer[] = [];
  const stopConsumers = () => Promise.all(consumers.map((consumer) => consumer.stop()));
  try {
    await listener?.start();
    const schema = await definition.schema();
    const tokens = tokenSettings(config, logger);
    const signingSecret = gatewaySigningSecret(config, logger);
    server = await startSubgraphServer({
      schema,
      logger,
      host: config.HOST,
      port: config.PORT,
      context: serviceContextFactory(db, tokens, logger, definition.createLoaders, events, definition.settings as S),
      readiness: [{ name: 'database', check: async () => void (await db.query('SELECT 1')) }],
      gatewaySigningSecret: signingSecret,
      routes: definition.routes,
    });
    if (definition.consumers) {
      const token = serviceTokenSource(config, tokens);
      consumers = definition.consumers({ db, logger, sibling: (url) => ({ url, signingSecret, token }) });
      await Promise.all(consumers.map((consumer) => consumer.start()));
    }
  } catch (error) {
    await stopConsumers().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await closeEvents().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw error;
  }
  const started = server;
  logger.info({ url: started.url, consumers: consumers.map((consumer) => consumer.name) }, `${definition.name} subgraph ready`);
  return {
    ...started,
    db,
    // Consumers first (a running handler commits), then sockets (1001) and HTTP, then the event streams, then the database they read.
    stop: async () => {
      await stopConsumers();
      await started.stop();
      await closeEvents();
      await db.destroy();
    },
  };
}
