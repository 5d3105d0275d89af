import { byKeys } from '@crm/kernel';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Activity } from '../entities/activity.entity';

/** The link columns a timeline hangs from. */
export type TimelineParent = 'accountId' | 'contactId' | 'opportunityId';

/**
 * `lastActivityAt` of many accounts (contacts, opportunities) in one GROUP BY query: the latest
 * occurredAt or completedAt that is not in the future (a meeting planned for next week is not
 * contact yet). Parents without any such activity resolve to null.
 */
export function lastActivityAtLoader(db: DataSource, parent: TimelineParent): DataLoader<string, Date | null> {
  return new DataLoader(async (parentIds) => {
    const rows = await db
      .getRepository(Activity)
      .createQueryBuilder('activity')
      .select(`activity.${parent}`, 'parent')
      .addSelect('max(greatest(activity.occurredAt, activity.completedAt))', 'at')
      .where(`activity.${parent} IN (:...parentIds)`, { parentIds: [...parentIds] })
      .andWhere('greatest(activity.occurredAt, activity.completedAt) <= now()')
      .groupBy(`activity.${parent}`)
      .getRawMany<{ parent: string; at: Date }>();
    return byKeys(parentIds, rows, (row) => row.parent).map((row) => row?.at ?? null);
  });
}
