import { loadedReference } from '@crm/kernel/subgraph';
import type { Context } from '../context';

/** Resolves `Team` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const teamReference = loadedReference((ctx: Context) => ctx.loaders.teamById);
