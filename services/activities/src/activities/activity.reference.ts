import { loadedReference } from '@crm/kernel/subgraph';
import type { Context } from '../context';

/** Resolves `Activity` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const activityReference = loadedReference((ctx: Context) => ctx.loaders.activityById);
