import type { Context } from '../context';

/** Resolves `Team` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const teamReference = {
  __resolveReference(reference: { id: string }, ctx: Context) {
    return ctx.loaders.teamById.load(reference.id);
  },
};
