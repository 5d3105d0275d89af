import type { ConnectionData } from '@crm/kernel/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Opportunity } from '../stubs/opportunity.stub';
import { ActivityConnection } from './activity-connection.type';
import { ActivityListArgs } from './activity-list.args';
import { timelineOf } from './activity.queries';
import type { Activity } from './activity.entity';

/** The fields this service adds to `Opportunity`: the work done on the deal. */
@Resolver(() => Opportunity)
export class OpportunityResolver {
  @FieldResolver(() => ActivityConnection, { description: 'Activities that moved this deal forward, newest first' })
  activities(@Root() opportunity: Opportunity, @Args() args: ActivityListArgs, @Ctx() ctx: Context): Promise<ConnectionData<Activity>> {
    return timelineOf(ctx, 'opportunityId', opportunity.id, args);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the deal was last worked on (latest past occurredAt or completedAt of its activities); null if never. Old dates flag deals going cold',
  })
  lastActivityAt(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Date | null> {
    return ctx.loaders.lastActivityAtByOpportunity.load(opportunity.id);
  }
}
