import type { OnBehalfOf, SiblingSubgraph } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';

/** A contact to seat on the committee of a deal with account `accountId`. */
export interface PlacementKey {
  contactId: string;
  accountId: string;
}

/** What the accounts subgraph says about a contact and a deal's account, as the caller sees them. */
export interface ContactPlacement {
  /** The contact's account and that account's group root; null when there is no such live contact. */
  contact: { accountId: string; rootId: string | null } | null;
  /** The group root of the deal's account; null when that account does not exist (any more). */
  dealRootId: string | null;
}

interface Answer {
  contacts: ({ id: string; accountId: string; account: { hierarchyRoot: { id: string } } | null } | null)[];
  accounts: ({ id: string; hierarchyRoot: { id: string } } | null)[];
}

/**
 * Both lists are `_entities` lookups, so accounts batches them through its own loaders: one request
 * and a few queries there, however many placements a request checks.
 */
const QUERY = `query CommitteeContactPlacement($contacts: [_Any!]!, $accounts: [_Any!]!) {
  contacts: _entities(representations: $contacts) { ... on Contact { id accountId account { hierarchyRoot { id } } } }
  accounts: _entities(representations: $accounts) { ... on Account { id hierarchyRoot { id } } }
}`;

/**
 * Where contacts work relative to deals' accounts, asked of the accounts subgraph (this service
 * never reads its tables) in one request per tick, with the caller's own token: a contact the
 * caller may not read is as absent here as in the API. Unreachable accounts is SERVICE_UNAVAILABLE.
 */
export function contactPlacementLoader(accounts: SiblingSubgraph, caller: OnBehalfOf): DataLoader<PlacementKey, ContactPlacement, string> {
  return new DataLoader(
    async (keys) => {
      const contactIds = [...new Set(keys.map((key) => key.contactId))];
      const accountIds = [...new Set(keys.map((key) => key.accountId))];
      const answer = await accounts.query<Answer>(
        QUERY,
        {
          contacts: contactIds.map((id) => ({ __typename: 'Contact', id })),
          accounts: accountIds.map((id) => ({ __typename: 'Account', id })),
        },
        caller,
      );
      const contacts = new Map(contactIds.map((id, i) => [id, answer.contacts[i]]));
      const roots = new Map(accountIds.map((id, i) => [id, answer.accounts[i]?.hierarchyRoot.id ?? null]));
      return keys.map(({ contactId, accountId }) => {
        const contact = contacts.get(contactId);
        return {
          contact: contact ? { accountId: contact.accountId, rootId: contact.account?.hierarchyRoot.id ?? null } : null,
          dealRootId: roots.get(accountId) ?? null,
        };
      });
    },
    { cacheKeyFn: ({ contactId, accountId }) => `${contactId}:${accountId}` },
  );
}
