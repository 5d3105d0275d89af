import { stubReference } from '@crm/kernel/subgraph';

/**
 * Resolves `Account` references so the gateway can ask this service for the fields it adds: the
 * record lives in another subgraph, so the id is all there is.
 */
export const accountReference = stubReference();
