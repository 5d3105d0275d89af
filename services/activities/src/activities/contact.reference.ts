import { isUUID } from 'class-validator';
import type { Contact } from '../stubs/contact.stub';

/**
 * Resolves `Contact` references so the gateway can ask this service for the fields it adds. The record
 * lives in the accounts subgraph: the id is all this service knows, so there is nothing to load
 * (the timeline fields batch their own queries). An id that is not a UUID names no contact.
 */
export const contactReference = {
  __resolveReference(reference: { id: string }): Contact | null {
    return isUUID(reference.id) ? { id: reference.id } : null;
  },
};
