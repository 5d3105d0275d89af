import { isUuid, UserRole } from '@crm/kernel';
import { type AdoptionRowReference } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { AdoptionRow } from './adoption-row.type';
import { salesPeople, type SalesPerson } from './crm-adoption.queries';

/**
 * Resolves `AdoptionRow` references (`_entities`) through a per-request loader: the people of all
 * references in one query. Null for anyone who is not an active sales person, for a malformed
 * window, and for a REP asking about someone else, exactly as `crmAdoption` would not list them.
 */
export const adoptionRowReference = {
  async __resolveReference(reference: AdoptionRowReference, ctx: Context): Promise<AdoptionRow | null> {
    const from = new Date(reference.from);
    const to = new Date(reference.to);
    if (!isUuid(reference.userId) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
    if (ctx.principal.role === UserRole.REP && reference.userId !== ctx.principal.userId) return null;
    const person = await ctx.loaders.lists
      .get('AdoptionRow.person', null, async (userIds: readonly string[]) => {
        const found = new Map((await salesPeople(ctx.db, { userIds })).map((row) => [row.userId, row]));
        return userIds.map((id) => found.get(id) ?? null);
      })
      .load(reference.userId) as SalesPerson | null;
    return person ? Object.assign(new AdoptionRow(), { ...person, from, to }) : null;
  },
};
