import { ForbiddenError, type Principal } from '@crm/kernel';
import { containsPattern, hidesContactDetails, recordList } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import type { ContactFilter } from './contact-filter.input';
import type { ContactListArgs } from './contact-list.args';
import { contactSortOrder } from './contact-order.input';
import { CONTACT_RECORD } from './contact.record';

/**
 * Every list and count of contacts starts here (alias `contact`), so none can skip the access rule.
 * E-mail and phone are hidden from ANALYSTs, so they may not filter by them either: the rows that
 * match would give the hidden value away. Their `search` leaves e-mail out for the same reason.
 */
const contacts = recordList(CONTACT_RECORD, {
  alias: 'contact',
  order: contactSortOrder,
  where(qb, filter: ContactFilter, principal) {
    const c = qb.alias;
    const hidden = hidesContactDetails(principal);
    if (filter.email && hidden) {
      throw new ForbiddenError(`As ${principal.role} you may not filter contacts by filter.email: e-mail addresses and phone numbers are hidden from you`);
    }
    if (filter.accountId) qb.andWhere(`${c}.accountId = :accountId`, { accountId: filter.accountId });
    if (filter.email) qb.andWhere(`lower(${c}.email) = :email`, { email: filter.email.toLowerCase() });
    if (filter.search) {
      const searched = [`lower(${c}.firstName || ' ' || ${c}.lastName)`, ...(hidden ? [] : [`lower(${c}.email)`]), `lower(${c}.jobTitle)`];
      qb.andWhere(`(${searched.map((column) => `${column} LIKE :search`).join(' OR ')})`, { search: containsPattern(filter.search) });
    }
  },
});

/** One page of `contacts`. */
export function listContacts(db: DataSource, principal: Principal, args: ContactListArgs) {
  return contacts.page(db, principal, args);
}

/** One page of `Account.contacts` for each of many accounts, in one query. */
export function contactsOfAccounts(db: DataSource, principal: Principal, args: ContactListArgs, accountIds: readonly string[]) {
  return contacts.pagesByParent(db, principal, args, 'accountId', accountIds);
}
