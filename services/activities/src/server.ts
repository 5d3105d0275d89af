import type { Logger } from '@crm/kernel';
import type { ServiceDefinition, ServiceHandle } from '@crm/kernel/subgraph';
import { startService } from '@crm/kernel/subgraph';
import type { ActivitySettings, Config } from './config';
import { activitiesDataSource } from './data-source';
import { activitiesSeed } from './seed';
import type { ActivityEvents } from './context';
import { interactionLoggedLog } from './activities/interaction-logged.log';
import { onboardingConsumer } from './training/onboarding.consumer';
import { createLoaders, type Loaders } from './loaders';
import { buildActivitiesSchema } from './schema';

/** The activities subgraph as the kernel runs it; `config` names its siblings and its settings. */
export function activitiesService(config: Config): ServiceDefinition<Loaders, ActivityEvents, ActivitySettings> {
  return {
    name: 'activities',
    dataSource: activitiesDataSource,
    seed: activitiesSeed,
    schema: buildActivitiesSchema,
    createLoaders,
    events: (resources) => ({ interactionLogged: interactionLoggedLog.source(resources) }),
    // Won deals of the opportunities subgraph become onboarding plans.
    consumers: (resources) => [onboardingConsumer(resources, config)],
    settings: { refresherIntervalDays: config.REFRESHER_INTERVAL_DAYS },
  };
}

/** Starts the activities subgraph (HTTP and graphql-ws on /graphql) and its onboarding consumer; the handle stops them, the event streams and the pool. */
export function start(config: Config, logger: Logger): Promise<ServiceHandle> {
  return startService(activitiesService(config), config, logger);
}
