import { isUuid } from '@crm/kernel';
import type { AdoptionRowReference } from '@crm/kernel/subgraph';
import { AdoptionRow } from '../stubs/adoption-row.stub';

/** What a representation may carry besides the key: the other subgraphs' counts, for `@requires`. */
type Reference = AdoptionRowReference & Partial<Omit<AdoptionRow, 'userId' | 'from' | 'to' | 'peerIds'>>;

const COUNTS = ['accountsCreated', 'accountsUpdated', 'contactsCreated', 'contactsUpdated', 'opportunitiesCreated', 'opportunitiesUpdated'] as const;
const PEER_USAGE = ['peerAccountUsage', 'peerOpportunityUsage'] as const;

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/**
 * Resolves `AdoptionRow` references so the gateway can ask this service for its counts and the
 * training signal. The row lives in the accounts subgraph: its key and the required fields the
 * gateway sends along are all this service needs, so there is nothing to load here; the fields batch
 * their own query. A malformed key names no row; malformed counts are dropped (the fields needing
 * them then fail instead of computing from nonsense).
 */
export const adoptionRowReference = {
  __resolveReference(reference: Reference): AdoptionRow | null {
    const from = new Date(reference.from);
    const to = new Date(reference.to);
    if (!isUuid(reference.userId) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
    const row = Object.assign(new AdoptionRow(), { userId: reference.userId, from, to });
    if (Array.isArray(reference.peerIds) && reference.peerIds.every((id) => isUuid(id))) row.peerIds = [...reference.peerIds];
    for (const field of COUNTS) if (isCount(reference[field])) row[field] = reference[field];
    for (const field of PEER_USAGE) if (Array.isArray(reference[field]) && reference[field].every(isCount)) row[field] = [...reference[field]];
    return row;
  },
};
