import type { Context } from '../context';

/** Resolves `Contact` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const contactReference = {
  __resolveReference(reference: { id: string }, ctx: Context) {
    return ctx.loaders.contactById.load(reference.id);
  },
};
