import type { Logger } from '@crm/kernel';
import type { EventResources, ServiceDefinition, ServiceHandle } from '@crm/kernel/subgraph';
import { startService } from '@crm/kernel/subgraph';
import type { Config } from './config';
import type { OpportunityEvents } from './context';
import { opportunitiesDataSource } from './data-source';
import { opportunitiesSeed } from './seed';
import { dealStageChangedLog } from './deals/deal-stage-changed.log';
import { openPipelineChangedLog } from './deals/open-pipeline-changed.log';
import { createLoaders, type Loaders } from './loaders';
import { buildOpportunitiesSchema } from './schema';
import { siblingSubgraphs, type Siblings } from './committee/siblings';

/** `ServiceDefinition.events` of this service. */
function opportunityEvents(resources: EventResources): OpportunityEvents {
  return { dealStageChanged: dealStageChangedLog.source(resources), openPipelineChanged: openPipelineChangedLog.source(resources) };
}

/** The opportunities subgraph, asking `siblings` where its checks need another service's data. */
export function opportunitiesService(siblings: Siblings): ServiceDefinition<Loaders, OpportunityEvents> {
  return {
    name: 'opportunities',
    dataSource: opportunitiesDataSource,
    seed: opportunitiesSeed,
    schema: buildOpportunitiesSchema,
    createLoaders: (db, principal, caller) => createLoaders(db, principal, caller, siblings),
    events: opportunityEvents,
  };
}

/** Starts the opportunities subgraph (HTTP and graphql-ws on /graphql); the handle stops the server, the event streams and the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(opportunitiesService(siblingSubgraphs(config, logger)), config, logger);
}
