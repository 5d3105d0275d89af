import type { Principal } from '@crm/kernel';
import { containsPattern, recordList } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import type { AccountFilter } from './account-filter.input';
import type { AccountListArgs } from './account-list.args';
import { accountSortOrder } from './account-order.input';
import { ACCOUNT_RECORD } from './account.record';

/** Every list and count of accounts starts here (alias `account`), so none can skip the access rule. */
const accounts = recordList(ACCOUNT_RECORD, {
  alias: 'account',
  order: accountSortOrder,
  where(qb, filter: AccountFilter) {
    const a = qb.alias;
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
  },
});

/** One page of `accounts`. */
export function listAccounts(db: DataSource, principal: Principal, args: AccountListArgs) {
  return accounts.page(db, principal, args);
}

/** One page of `Account.children` for each of many parents, in one query. */
export function childAccountsOf(db: DataSource, principal: Principal, args: AccountListArgs, parentIds: readonly string[]) {
  return accounts.pagesByParent(db, principal, args, 'parentId', parentIds);
}
