import { ForbiddenError, type Principal } from '@crm/kernel';
import { applyDeletedFilter, containsPattern, hidesContactDetails, paginate, paginateByParent, readableBy } from '@crm/kernel/subgraph';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { ContactFilter } from './contact-filter.input';
import type { ContactListArgs } from './contact-list.args';
import { contactSortOrder } from './contact-order.input';
import { Contact } from './contact.entity';
import { CONTACT_RECORD } from './contact.record';

/**
 * Narrows `qb` to the contacts `principal` may read (live ones, or deleted ones with `deleted`), then
 * to `filter`. Every list and count of contacts starts here, so none can skip the access rule.
 * E-mail and phone are hidden from ANALYSTs, so they may not filter by them either: the rows that
 * match would give the hidden value away. Their `search` leaves e-mail out for the same reason.
 */
export function applyContactFilter(
  qb: SelectQueryBuilder<Contact>,
  filter: ContactFilter | undefined | null,
  principal: Principal,
): SelectQueryBuilder<Contact> {
  const c = qb.alias;
  applyDeletedFilter(readableBy(qb, CONTACT_RECORD, principal), principal, filter?.deleted);
  if (!filter) return qb;
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
  return qb;
}

/** The contacts `principal` may read, narrowed to `filter`, as a query builder on `contact`. */
function filteredContacts(db: DataSource, filter: ContactFilter | undefined | null, principal: Principal): SelectQueryBuilder<Contact> {
  return applyContactFilter(db.getRepository(Contact).createQueryBuilder('contact'), filter, principal);
}

/** One page of `contacts`. */
export function listContacts(db: DataSource, principal: Principal, { first, after, filter, orderBy }: ContactListArgs) {
  return paginate(filteredContacts(db, filter, principal), contactSortOrder(orderBy), { first, after });
}

/** One page of `Account.contacts` for each of many accounts, in one query. */
export function contactsOfAccounts(db: DataSource, principal: Principal, args: ContactListArgs, accountIds: readonly string[]) {
  return paginateByParent(filteredContacts(db, args.filter, principal), 'accountId', accountIds, contactSortOrder(args.orderBy), args);
}
