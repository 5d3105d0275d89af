import type { ServiceContext } from '@crm/kernel/subgraph';
import type { OpportunityEvents } from './events/deal-stage-events';
import type { Loaders } from './loaders/create-loaders';

export type Context = ServiceContext<Loaders, OpportunityEvents>;
