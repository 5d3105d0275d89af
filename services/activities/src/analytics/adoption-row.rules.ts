import { BadUserInputError } from '@crm/kernel';
import type { AdoptionRow } from '../stubs/adoption-row.stub';

/** What the other subgraphs contribute to a row, as `@requires` brings it. */
export type RequiredField = 'peerIds' | 'peerAccountUsage' | 'peerOpportunityUsage' | 'accountsCreated' | 'accountsUpdated' | 'contactsCreated' | 'contactsUpdated' | 'opportunitiesCreated' | 'opportunitiesUpdated';

export const CREATED_ELSEWHERE: readonly RequiredField[] = ['accountsCreated', 'contactsCreated', 'opportunitiesCreated'];
export const UPDATED_ELSEWHERE: readonly RequiredField[] = ['accountsUpdated', 'contactsUpdated', 'opportunitiesUpdated'];
export const SIGNAL_INPUT: readonly RequiredField[] = [...CREATED_ELSEWHERE, ...UPDATED_ELSEWHERE, 'peerIds', 'peerAccountUsage', 'peerOpportunityUsage'];

/**
 * Refuses (BAD_USER_INPUT) a row whose representation lacks counts a field requires: the gateway
 * always sends them (`@requires`), so only a hand-made `_entities` call can, and it gets an answer
 * naming what is missing rather than a figure computed from nothing.
 */
export function assertRequired(row: AdoptionRow, fields: readonly RequiredField[]): void {
  const missing = fields.filter((field) => row[field] === undefined);
  if (missing.length > 0) {
    throw new BadUserInputError(`AdoptionRow ${row.userId}: the representation lacks ${missing.join(', ')}, required from the other subgraphs`);
  }
}
