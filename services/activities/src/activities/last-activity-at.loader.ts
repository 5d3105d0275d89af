import { type Principal } from '@crm/kernel';
import { byKeys, readableBy } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Activity } from './activity.entity';
import { ACTIVITY_RECORD } from './activity.record';

/** The link columns a timeline hangs from. */
export type TimelineParent = 'accountId' | 'contactId' | 'opportunityId';

/**
 * `lastActivityAt` of many accounts (contacts, opportunities) in one GROUP BY query: the latest
 * occurredAt or completedAt that is not in the future (a meeting planned for next week is not
 * contact yet). Only live activities `principal` may read count, so a REP's date agrees with the
 * timeline they see. Parents without any such activity resolve to null.
 */
export function lastActivityAtLoader(db: DataSource, principal: Principal, parent: TimelineParent): DataLoader<string, Date | null> {
  return new DataLoader(async (parentIds) => {
    // TypeORM leaves deleted activities out of the query builder by itself.
    const query = readableBy(db.getRepository(Activity).createQueryBuilder('activity'), ACTIVITY_RECORD, principal);
    const rows = await query
      .select(`activity.${parent}`, 'parent')
      .addSelect('max(greatest(activity.occurredAt, activity.completedAt))', 'at')
      .andWhere(`activity.${parent} IN (:...parentIds)`, { parentIds: [...parentIds] })
      .andWhere('greatest(activity.occurredAt, activity.completedAt) <= now()')
      .groupBy(`activity.${parent}`)
      .getRawMany<{ parent: string; at: Date }>();
    return byKeys(parentIds, rows, (row) => row.parent).map((row) => row?.at ?? null);
  });
}
