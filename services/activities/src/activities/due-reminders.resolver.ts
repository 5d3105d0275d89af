import { paginate, readableBy, SortDirection } from '@crm/kernel/subgraph';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Activity } from './activity.entity';
import { SCHEDULED_TYPES } from './activity-type.enum';
import { ACTIVITY_RECORD } from './activity.record';
import { ActivityConnection } from './activity-connection.type';
import { DueRemindersArgs } from './due-reminders.args';

@Resolver(() => Activity)
export class DueRemindersResolver {
  @Query(() => ActivityConnection, {
    description:
      'What to remind a person of: their open (not completed) tasks and trainings due before `before`, soonest first, so overdue work comes first. ' +
      'Onboarding trainings and refreshers appear here. Only activities you may read',
  })
  dueReminders(@Args() { ownerId, before, first, after }: DueRemindersArgs, @Ctx() ctx: Context) {
    const qb = readableBy(ctx.db.getRepository(Activity).createQueryBuilder('activity'), ACTIVITY_RECORD, ctx.principal)
      .andWhere('activity.ownerId = :ownerId', { ownerId })
      .andWhere('activity.type IN (:...scheduled)', { scheduled: [...SCHEDULED_TYPES] })
      .andWhere('activity.completedAt IS NULL')
      .andWhere('activity.dueAt < :before', { before });
    // dueAt is never null here (`< before` leaves those out), so it can carry the keyset cursor.
    return paginate(qb, { property: 'dueAt', direction: SortDirection.ASC }, { first, after });
  }
}
