import { containsPattern, paginate, paginateByParent } from '@crm/kernel/subgraph';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { UserFilter } from './user-filter.input';
import type { UserListArgs } from './user-list.args';
import { userSortOrder } from './user-order.input';
import { User } from './user.entity';

/** Narrows `qb` to `filter`; users are read by all, so there is no access rule to apply. */
export function applyUserFilter(qb: SelectQueryBuilder<User>, filter: UserFilter | undefined | null): SelectQueryBuilder<User> {
  const u = qb.alias;
  if (!filter) return qb;
  if (filter.role) qb.andWhere(`${u}.role = :role`, { role: filter.role });
  if (filter.teamId) qb.andWhere(`${u}.teamId = :teamId`, { teamId: filter.teamId });
  if (filter.active !== undefined && filter.active !== null) qb.andWhere(`${u}.active = :active`, { active: filter.active });
  if (filter.search) {
    qb.andWhere(`(lower(${u}.firstName || ' ' || ${u}.lastName) LIKE :search OR lower(${u}.email) LIKE :search)`, {
      search: containsPattern(filter.search),
    });
  }
  return qb;
}

/** One page of `users`. */
export function listUsers(db: DataSource, { first, after, filter, orderBy }: UserListArgs) {
  return paginate(applyUserFilter(db.getRepository(User).createQueryBuilder('user'), filter), userSortOrder(orderBy), { first, after });
}

/** One page of `Team.members` for each of many teams, in one query. */
export function membersOfTeams(db: DataSource, args: UserListArgs, teamIds: readonly string[]) {
  return paginateByParent(applyUserFilter(db.getRepository(User).createQueryBuilder('user'), args.filter), 'teamId', teamIds, userSortOrder(args.orderBy), args);
}
