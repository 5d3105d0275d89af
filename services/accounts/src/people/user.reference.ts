import { loadedReference } from '@crm/kernel/subgraph';
import type { Context } from '../context';

/** Resolves `User` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const userReference = loadedReference((ctx: Context) => ctx.loaders.userById);
