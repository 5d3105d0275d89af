import { stubReference } from '@crm/kernel/subgraph';

/**
 * Resolves `Opportunity` references so the gateway can ask this service for the fields it adds: the
 * record lives in another subgraph, so the id and its `buyingCommittee` when the gateway fetched it for `committeeCoverage` (@requires) is all there is.
 */
export const opportunityReference = stubReference('buyingCommittee');
