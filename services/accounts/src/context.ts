import type { ServiceContext } from '@crm/kernel/subgraph';
import type { Loaders } from './loaders/create-loaders';

export type Context = ServiceContext<Loaders>;
