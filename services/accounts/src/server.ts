import type { Logger, ServiceDefinition, ServiceHandle } from '@crm/kernel';
import { startService } from '@crm/kernel';
import type { Config } from './config';
import { accountsDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import { buildAccountsSchema } from './schema';

export const accountsService: ServiceDefinition<Loaders> = {
  name: 'accounts',
  dataSource: accountsDataSource,
  schema: buildAccountsSchema,
  createLoaders,
};

/** Starts the accounts subgraph; the handle stops the server and closes the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(accountsService, config, logger);
}
