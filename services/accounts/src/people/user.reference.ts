import type { Context } from '../context';

/** Resolves `User` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const userReference = {
  __resolveReference(reference: { id: string }, ctx: Context) {
    return ctx.loaders.userById.load(reference.id);
  },
};
