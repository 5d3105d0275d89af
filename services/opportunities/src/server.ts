import type { Logger } from '@crm/kernel';
import type { ServiceDefinition, ServiceHandle } from '@crm/kernel/subgraph';
import { startService } from '@crm/kernel/subgraph';
import type { Config } from './config';
import { opportunitiesDataSource } from './data-source';
import { opportunityEvents, type OpportunityEvents } from './events/deal-stage-events';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import { buildOpportunitiesSchema } from './schema';
import { siblingSubgraphs, type Siblings } from './siblings';

/** The opportunities subgraph, asking `siblings` where its checks need another service's data. */
export function opportunitiesService(siblings: Siblings): ServiceDefinition<Loaders, OpportunityEvents> {
  return {
    name: 'opportunities',
    dataSource: opportunitiesDataSource,
    schema: buildOpportunitiesSchema,
    createLoaders: (db, principal, caller) => createLoaders(db, principal, caller, siblings),
    events: opportunityEvents,
  };
}

/** Starts the opportunities subgraph (HTTP and graphql-ws on /graphql); the handle stops the server, the event streams and the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(opportunitiesService(siblingSubgraphs(config, logger)), config, logger);
}
