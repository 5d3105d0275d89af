import { isUUID } from 'class-validator';
import type { Account } from '../stubs/account.stub';

/**
 * Resolves `Account` references so the gateway can ask this service for the fields it adds. The record
 * lives in the accounts subgraph: the id is all this service knows, so there is nothing to load
 * (the timeline fields batch their own queries). An id that is not a UUID names no account.
 */
export const accountReference = {
  __resolveReference(reference: { id: string }): Account | null {
    return isUUID(reference.id) ? { id: reference.id } : null;
  },
};
