import { isUUID } from 'class-validator';
import type { Context } from '../context';

/** Resolves `Activity` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const activityReference = {
  __resolveReference(reference: { id: string }, ctx: Context) {
    return isUUID(reference.id) ? ctx.loaders.activityById.load(reference.id) : null;
  },
};
