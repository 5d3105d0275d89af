import { paginate, readableBy, SortDirection, type ConnectionData } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { Activity } from './activity.entity';
import { SCHEDULED_TYPES } from './activity-type.enum';
import { ACTIVITY_RECORD } from './activity.record';
import type { DueRemindersArgs } from './due-reminders.args';

/** A person's open tasks and trainings due before `before` that the caller may read, soonest first (so overdue first). */
export function dueReminders(ctx: Context, { ownerId, before, first, after }: DueRemindersArgs): Promise<ConnectionData<Activity>> {
  const qb = readableBy(ctx.db.getRepository(Activity).createQueryBuilder('activity'), ACTIVITY_RECORD, ctx.principal)
    .andWhere('activity.ownerId = :ownerId', { ownerId })
    .andWhere('activity.type IN (:...scheduled)', { scheduled: [...SCHEDULED_TYPES] })
    .andWhere('activity.completedAt IS NULL')
    .andWhere('activity.dueAt < :before', { before });
  // dueAt is never null here (`< before` leaves those out), so it can carry the keyset cursor.
  return paginate(qb, { property: 'dueAt', direction: SortDirection.ASC }, { first, after });
}
