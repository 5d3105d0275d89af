import { loadedReference } from '@crm/kernel/subgraph';
import type { Context } from '../context';

/** Resolves `Account` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const accountReference = loadedReference((ctx: Context) => ctx.loaders.accountById);
