import type { ServiceContext } from '@crm/kernel/subgraph';
import type { ActivitySettings } from './config';
import type { ActivityEvents } from './events/interaction-events';
import type { Loaders } from './loaders/create-loaders';

export type Context = ServiceContext<Loaders, ActivityEvents, ActivitySettings>;
