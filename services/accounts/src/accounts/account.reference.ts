import type { Context } from '../context';

/** Resolves `Account` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const accountReference = {
  __resolveReference(reference: { id: string }, ctx: Context) {
    return ctx.loaders.accountById.load(reference.id);
  },
};
