import { loadedReference } from '@crm/kernel/subgraph';
import type { Context } from '../context';

/** Resolves `Opportunity` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const opportunityReference = loadedReference((ctx: Context) => ctx.loaders.opportunityById);
