import { loadedReference } from '@crm/kernel/subgraph';
import type { Context } from '../context';

/** Resolves `Contact` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const contactReference = loadedReference((ctx: Context) => ctx.loaders.contactById);
