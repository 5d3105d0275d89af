import type { Logger, ServiceDefinition, ServiceHandle } from '@crm/kernel';
import { startService } from '@crm/kernel';
import type { Config } from './config';
import { activitiesDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import { buildActivitiesSchema } from './schema';

export const activitiesService: ServiceDefinition<Loaders> = {
  name: 'activities',
  dataSource: activitiesDataSource,
  schema: buildActivitiesSchema,
  createLoaders,
};

/** Starts the activities subgraph; the handle stops the server and closes the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(activitiesService, config, logger);
}
