import type { ConnectionData } from '@crm/kernel/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from '../stubs/account.stub';
import { ActivityConnection } from './activity-connection.type';
import { ActivityListArgs } from './activity-list.args';
import { timelineOf } from './activity.queries';
import type { Activity } from './activity.entity';

/** The fields this service adds to `Account`: its timeline. */
@Resolver(() => Account)
export class AccountResolver {
  @FieldResolver(() => ActivityConnection, { description: "The account's timeline: calls, meetings, e-mails, notes, tasks, trainings and feedback linked to it, newest first" })
  activities(@Root() account: Account, @Args() args: ActivityListArgs, @Ctx() ctx: Context): Promise<ConnectionData<Activity>> {
    return timelineOf(ctx, 'accountId', account.id, args);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When anyone last interacted with the account or finished work for it (latest past occurredAt or completedAt); null if never. Old dates flag stale accounts',
  })
  lastActivityAt(@Root() account: Account, @Ctx() ctx: Context): Promise<Date | null> {
    return ctx.loaders.lastActivityAtByAccount.load(account.id);
  }
}
