import type { Context } from '../context';

/** Resolves `Opportunity` entities for other subgraphs (`_entities`), batched through the request's loader. */
export const opportunityReference = {
  __resolveReference(reference: { id: string }, ctx: Context) {
    return ctx.loaders.opportunityById.load(reference.id);
  },
};
