import type { ServiceContext } from '@crm/kernel/subgraph';
import type { Loaders } from './loaders';

export type Context = ServiceContext<Loaders>;
