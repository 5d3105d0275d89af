import type { Logger, ServiceDefinition, ServiceHandle } from '@crm/kernel';
import { startService } from '@crm/kernel';
import type { Config } from './config';
import { opportunitiesDataSource } from './data-source';
import { opportunityEvents, type OpportunityEvents } from './events/deal-stage-events';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import { buildOpportunitiesSchema } from './schema';

export const opportunitiesService: ServiceDefinition<Loaders, OpportunityEvents> = {
  name: 'opportunities',
  dataSource: opportunitiesDataSource,
  schema: buildOpportunitiesSchema,
  createLoaders,
  events: opportunityEvents,
};

/** Starts the opportunities subgraph (HTTP and graphql-ws on /graphql); the handle stops the server, the event streams and the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(opportunitiesService, config, logger);
}
