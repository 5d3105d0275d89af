import { isUuid } from '@crm/kernel';
import type { AdoptionRowReference } from '@crm/kernel/subgraph';
import { AdoptionRow } from '../stubs/adoption-row.stub';

/**
 * Resolves `AdoptionRow` references so the gateway can ask this service for its counts. The row
 * lives in the accounts subgraph: its key (and `peerIds`, when required) is all this service needs,
 * so there is nothing to load here; the count fields batch their own query. A reference whose user
 * id or window is malformed names no row.
 */
export const adoptionRowReference = {
  __resolveReference(reference: AdoptionRowReference): AdoptionRow | null {
    const from = new Date(reference.from);
    const to = new Date(reference.to);
    if (!isUuid(reference.userId) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
    const peerIds = reference.peerIds?.filter((id) => isUuid(id));
    return Object.assign(new AdoptionRow(), { userId: reference.userId, from, to, ...(peerIds ? { peerIds } : {}) });
  },
};
