/**
 * Resolves `Account` references sent by the gateway to fetch the fields this service adds. Accounts
 * live in the accounts service, so there is nothing to load here: the id is all those fields need,
 * and they batch through the request's loaders themselves.
 */
export const accountReference = {
  __resolveReference(reference: { id: string }) {
    return { id: reference.id };
  },
};
