import type { EventLogSource, ServiceContext } from '@crm/kernel/subgraph';
import type { ActivitySettings } from './config';
import type { interactionLoggedLog } from './activities/interaction-logged.log';
import type { Loaders } from './loaders';

/** The event sources of this service, as `ctx.events`, each under its log's name. */
export type ActivityEvents = {
  /** `interactionLogged`: each account's last and next interaction after every write that changes them (activities/interaction-logged.log.ts). */
  interactionLogged: EventLogSource<typeof interactionLoggedLog>;
};

export type Context = ServiceContext<Loaders, ActivityEvents, ActivitySettings>;
