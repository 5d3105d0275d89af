import type { Logger } from '@crm/kernel';
import type { ServiceDefinition, ServiceHandle } from '@crm/kernel/subgraph';
import { startService } from '@crm/kernel/subgraph';
import type { Config } from './config';
import { accountsDataSource } from './data-source';
import { accountsSeed } from './seed';
import { interactionsConsumer } from './interactions/interactions.consumer';
import { openPipelineConsumer } from './interactions/open-pipeline.consumer';
import { segmentCsvRoute } from './segments/segment-csv.route';
import { createLoaders, type Loaders } from './loaders';
import { buildAccountsSchema } from './schema';

/** The accounts subgraph as the kernel runs it; `config` names the sibling it consumes events from. */
export function accountsService(config: Config): ServiceDefinition<Loaders> {
  return {
    name: 'accounts',
    dataSource: accountsDataSource,
    seed: accountsSeed,
    schema: buildAccountsSchema,
    createLoaders,
    // The activities subgraph's interaction events keep `account_interactions` (staleAccounts) current;
    // the opportunities subgraph's open-pipeline events keep `account_open_pipeline` (segments) current.
    consumers: (resources) => [interactionsConsumer(resources, config), openPipelineConsumer(resources, config)],
    // GET /exports/segments/:id.csv, reached through the gateway (README, "Segments").
    routes: [segmentCsvRoute],
  };
}

/** Starts the accounts subgraph and its interaction consumer; the handle stops them and closes the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(accountsService(config), config, logger);
}
