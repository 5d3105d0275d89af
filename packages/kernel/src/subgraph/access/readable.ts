import DataLoader from 'dataloader';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Principal, UserRole } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/require-role';
import { byKeys } from '../loaders/loader-registry';
import { SUPERVISING_ROLES } from './access-policy';
import type { GuardedEntity, RecordType } from './record-type';
import { isUuid } from '../../core/ids/is-uuid';

/** Narrows `qb` (on its main alias) to the records of `type` the caller may read: SQL, so lists, counts and aggregates agree. */
export function readableBy<E extends GuardedEntity, Q extends SelectQueryBuilder<E>>(qb: Q, type: RecordType<E>, principal: Principal): Q {
  const read = type.access(principal, 'read', qb.alias);
  return qb.andWhere(read.sql, read.params) as Q;
}

/**
 * `filter.deleted: true` lists deleted records instead of live ones (to restore them); ADMIN and
 * MANAGER only. Without it TypeORM already leaves deleted records out.
 */
export function applyDeletedFilter<E extends GuardedEntity, Q extends SelectQueryBuilder<E>>(qb: Q, principal: Principal, deleted: boolean | null | undefined): Q {
  if (!deleted) return qb;
  requireRole(principal, SUPERVISING_ROLES, 'list deleted records');
  return qb.withDeleted().andWhere(`${qb.alias}.deletedAt IS NOT NULL`) as Q;
}

/**
 * Loads live records of `type` by id that the caller may read, one query per tick; the rest resolve
 * to null, exactly as if they did not exist. Lookups and `__resolveReference` go through it.
 */
export function readableByIdLoader<E extends GuardedEntity>(db: DataSource, type: RecordType<E>, principal: Principal): DataLoader<string, E | null> {
  return new DataLoader(async (ids) => {
    const valid = ids.filter((id) => isUuid(id));
    if (valid.length === 0) return ids.map(() => null);
    const qb = db.getRepository(type.entity).createQueryBuilder('record').where('record.id IN (:...ids)', { ids: valid });
    const rows = await readableBy(qb, type, principal).getMany();
    return byKeys(ids, rows, (row) => row.id);
  });
}
