import { type Principal } from '@crm/kernel';
import { applyDeletedFilter, containsPattern, paginate, paginateByParent, readableBy } from '@crm/kernel/subgraph';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { AccountFilter } from './account-filter.input';
import type { AccountListArgs } from './account-list.args';
import { accountSortOrder } from './account-order.input';
import { Account } from './account.entity';
import { ACCOUNT_RECORD } from './account.record';

/**
 * Narrows `qb` to the accounts `principal` may read (live ones, or deleted ones with `deleted`), then
 * to `filter`. Every list and count of accounts starts here, so none can skip the access rule.
 */
export function applyAccountFilter(
  qb: SelectQueryBuilder<Account>,
  filter: AccountFilter | undefined | null,
  principal: Principal,
): SelectQueryBuilder<Account> {
  const a = qb.alias;
  applyDeletedFilter(readableBy(qb, ACCOUNT_RECORD, principal), principal, filter?.deleted);
  if (!filter) return qb;
  if (filter.market) qb.andWhere(`${a}.market = :market`, { market: filter.market });
  if (filter.tier) qb.andWhere(`${a}.tier = :tier`, { tier: filter.tier });
  if (filter.lifecycle) qb.andWhere(`${a}.lifecycle = :lifecycle`, { lifecycle: filter.lifecycle });
  if (filter.ownerId) qb.andWhere(`${a}.ownerId = :ownerId`, { ownerId: filter.ownerId });
  if (filter.parentId) qb.andWhere(`${a}.parentId = :parentId`, { parentId: filter.parentId });
  if (filter.hasParent !== undefined && filter.hasParent !== null) {
    qb.andWhere(filter.hasParent ? `${a}.parentId IS NOT NULL` : `${a}.parentId IS NULL`);
  }
  if (filter.industry) qb.andWhere(`${a}.industry = :industry`, { industry: filter.industry });
  if (filter.country) qb.andWhere(`${a}.country = :country`, { country: filter.country.toUpperCase() });
  if (filter.search) {
    qb.andWhere(`(lower(${a}.name) LIKE :search OR lower(${a}.domain) LIKE :search)`, { search: containsPattern(filter.search) });
  }
  return qb;
}

/** The accounts `principal` may read, narrowed to `filter`, as a query builder on `account`. */
function filteredAccounts(db: DataSource, filter: AccountFilter | undefined | null, principal: Principal): SelectQueryBuilder<Account> {
  return applyAccountFilter(db.getRepository(Account).createQueryBuilder('account'), filter, principal);
}

/** One page of `accounts`. */
export function listAccounts(db: DataSource, principal: Principal, { first, after, filter, orderBy }: AccountListArgs) {
  return paginate(filteredAccounts(db, filter, principal), accountSortOrder(orderBy), { first, after });
}

/** One page of `Account.children` for each of many parents, in one query. */
export function childAccountsOf(db: DataSource, principal: Principal, args: AccountListArgs, parentIds: readonly string[]) {
  return paginateByParent(filteredAccounts(db, args.filter, principal), 'parentId', parentIds, accountSortOrder(args.orderBy), args);
}
