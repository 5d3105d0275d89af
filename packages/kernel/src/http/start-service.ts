import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { tokenSettings } from '../auth/token-settings';
import type { ServiceConfig } from '../config/base-config';
import { initializeDatabase } from '../db/data-source';
import { serviceContextFactory } from './service-context';
import { startSubgraphServer, type ServerHandle } from './start-subgraph-server';

/** What makes one subgraph different from its siblings; everything else is shared. */
export interface ServiceDefinition<L> {
  name: string;
  dataSource: (url: string, logger: Logger, poolSize?: number) => DataSource;
  schema: () => Promise<GraphQLSchema>;
  createLoaders: (db: DataSource) => L;
}

export interface ServiceHandle extends ServerHandle {
  db: DataSource;
}

/** Connects and migrates the service's schema, then serves its subgraph until `stop()`. */
export async function startService<L>(
  definition: ServiceDefinition<L>,
  config: ServiceConfig,
  logger: Logger,
): Promise<ServiceHandle> {
  const db = definition.dataSource(config.DATABASE_URL, logger, config.DB_POOL_SIZE);
  await initializeDatabase(db);
  const schema = await definition.schema();
  const server = await startSubgraphServer({
    schema,
    logger,
    host: config.HOST,
    port: config.PORT,
    context: serviceContextFactory(db, tokenSettings(config, logger), logger, definition.createLoaders),
    readiness: [{ name: 'database', check: async () => void (await db.query('SELECT 1')) }],
  });
  logger.info({ url: server.url }, `${definition.name} subgraph ready`);
  return {
    ...server,
    db,
    stop: async () => {
      await server.stop();
      await db.destroy();
    },
  };
}
