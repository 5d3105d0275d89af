import type { Logger, ServiceDefinition, ServiceHandle } from '@crm/kernel';
import { startService } from '@crm/kernel';
import type { Config } from './config';
import { opportunitiesDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import { buildOpportunitiesSchema } from './schema';

export const opportunitiesService: ServiceDefinition<Loaders> = {
  name: 'opportunities',
  dataSource: opportunitiesDataSource,
  schema: buildOpportunitiesSchema,
  createLoaders,
};

/** Starts the opportunities subgraph; the handle stops the server and closes the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(opportunitiesService, config, logger);
}
