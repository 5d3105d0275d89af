import type { ConnectionData } from '@crm/kernel/subgraph';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Activity } from './activity.entity';
import { ActivityConnection } from './activity-connection.type';
import { DueRemindersArgs } from './due-reminders.args';
import { dueReminders } from './due-reminders.queries';

@Resolver(() => Activity)
export class DueRemindersResolver {
  @Query(() => ActivityConnection, {
    description:
      'What to remind a person of: their open (not completed) tasks and trainings due before `before`, soonest first, so overdue work comes first. ' +
      'Onboarding trainings and refreshers appear here. Only activities you may read',
  })
  dueReminders(@Args() args: DueRemindersArgs, @Ctx() ctx: Context): Promise<ConnectionData<Activity>> {
    return dueReminders(ctx, args);
  }
}
