import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import { applyDeletedFilter, readableBy } from '../access/readable';
import type { GuardedEntity, RecordType } from '../access/record-type';
import type { ConnectionData } from '../pagination/connection.type';
import type { PageRequest } from '../pagination/page-args';
import { paginate, paginateByParent, type SortOrder } from '../pagination/paginate';

/** What every list filter of a guarded record type has: `deleted` lists deleted records instead of live ones. */
export interface RecordFilter {
  deleted?: boolean | null;
}

/** The arguments of a list of records: a page, a filter and a sort order. */
export interface RecordListArgs<F, O> extends PageRequest {
  filter?: F | null;
  orderBy?: O | null;
}

export interface RecordListOptions<E extends GuardedEntity, F, O> {
  /** The alias of the list's queries; list cursors name it, so it stays what it was. */
  alias: string;
  /** The type's own conditions for `filter` on `qb` (under `qb.alias`), after the access rule. */
  where: (qb: SelectQueryBuilder<E>, filter: F, principal: Principal) => void;
  /** The sort order `orderBy` asks for, or the list's default. */
  order: (orderBy: O | null | undefined) => SortOrder;
}

/**
 * The reads of one guarded record type's lists, so that each starts the same way: the records the
 * caller may read (`readableBy`), live ones or, with `filter.deleted`, deleted ones (ADMIN and MANAGER
 * only), then the type's filter. Lists, nested lists and counts all go through `narrow`, so none can
 * skip the access rule, and pages and totals agree.
 */
export interface RecordList<E extends GuardedEntity, F, O> {
  /** Narrows `qb` to the records `principal` may read, then to `filter`. */
  narrow(qb: SelectQueryBuilder<E>, filter: F | null | undefined, principal: Principal): SelectQueryBuilder<E>;
  /** `narrow` on a new query of the type, under the list's alias. */
  query(db: DataSource, principal: Principal, filter: F | null | undefined): SelectQueryBuilder<E>;
  /** One page of the list (`paginate`). */
  page(db: DataSource, principal: Principal, args: RecordListArgs<F, O>): Promise<ConnectionData<E>>;
  /** The same page for each of many parents, in one query (`paginateByParent`); `parentProperty` names the link. */
  pagesByParent(db: DataSource, principal: Principal, args: RecordListArgs<F, O>, parentProperty: string, parentIds: readonly string[]): Promise<ConnectionData<E>[]>;
}

export function recordList<E extends GuardedEntity, F extends RecordFilter, O>(type: RecordType<E>, options: RecordListOptions<E, F, O>): RecordList<E, F, O> {
  const narrow = (qb: SelectQueryBuilder<E>, filter: F | null | undefined, principal: Principal): SelectQueryBuilder<E> => {
    applyDeletedFilter(readableBy(qb, type, principal), principal, filter?.deleted);
    if (filter) options.where(qb, filter, principal);
    return qb;
  };
  const query = (db: DataSource, principal: Principal, filter: F | null | undefined) => narrow(db.getRepository(type.entity).createQueryBuilder(options.alias), filter, principal);
  return {
    narrow,
    query,
    page: (db, principal, { first, after, filter, orderBy }) => paginate(query(db, principal, filter), options.order(orderBy), { first, after }),
    pagesByParent: (db, principal, args, parentProperty, parentIds) =>
      paginateByParent(query(db, principal, args.filter), parentProperty, parentIds, options.order(args.orderBy), args),
  };
}
