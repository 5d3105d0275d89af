import { isUuid } from '../../core/ids/is-uuid';

/**
 * `__resolveReference` of an entity this service owns, for other subgraphs' `_entities`: through
 * the request's by-id loader, so a page of references costs one query (and an id that is not a
 * UUID resolves to null there, without SQL).
 */
export function loadedReference<C, T>(loader: (ctx: C) => { load(id: string): Promise<T | null> }) {
  return {
    __resolveReference(reference: { id: string }, ctx: C): Promise<T | null> {
      return loader(ctx).load(reference.id);
    },
  };
}

/**
 * `__resolveReference` of an entity another subgraph owns and this one extends with fields: the id
 * is all this service knows, so there is nothing to load (its fields batch their own queries),
 * plus the `@requires` fields named in `requires` when the gateway sent them. An id that is not a
 * UUID names nothing.
 */
export function stubReference<K extends string = never>(...requires: K[]) {
  return {
    __resolveReference(reference: { id: string } & Partial<Record<K, unknown>>): ({ id: string } & Partial<Record<K, unknown>>) | null {
      if (!isUuid(reference.id)) return null;
      const stub: Record<string, unknown> = { id: reference.id };
      for (const field of requires) if (reference[field] !== undefined) stub[field] = reference[field];
      return stub as { id: string } & Partial<Record<K, unknown>>;
    },
  };
}
