import { isUUID } from 'class-validator';
import type { Opportunity } from '../stubs/opportunity.stub';

/**
 * Resolves `Opportunity` references so the gateway can ask this service for the fields it adds. The record
 * lives in the opportunities subgraph: the id is all this service knows, so there is nothing to load
 * (the timeline fields batch their own queries). An id that is not a UUID names no opportunity.
 */
export const opportunityReference = {
  __resolveReference(reference: Opportunity): Opportunity | null {
    if (!isUUID(reference.id)) return null;
    // `buyingCommittee` is there when the gateway fetched it for `committeeCoverage` (@requires).
    return reference.buyingCommittee ? { id: reference.id, buyingCommittee: reference.buyingCommittee } : { id: reference.id };
  },
};
