import type { ServiceContext } from '@crm/kernel/subgraph';
import type { ActivitySettings } from './config';
import type { ActivityEvents } from './activities/interaction-logged.log';
import type { Loaders } from './loaders';

export type Context = ServiceContext<Loaders, ActivityEvents, ActivitySettings>;
