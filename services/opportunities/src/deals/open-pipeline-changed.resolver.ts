import { type LoggedEvent, type LogSubscriptionArgs, subscribeToLog } from '@crm/kernel/subgraph';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';
import type { Context } from '../context';
import { Opportunity } from './opportunity.entity';
import { OpenPipelineChange, type OpenPipelineEventRow } from './open-pipeline-changed.event';
import { Account } from '../stubs/account.stub';
import { OpenPipelineChangedFilter } from './open-pipeline-changed-filter.input';

/** Starts the stream for one subscription; a bad `after` or filter fails the subscription with BAD_USER_INPUT. */
function subscribeToOpenPipelineChanges({ args, context }: SubscribeResolverData<unknown, LogSubscriptionArgs<OpenPipelineChangedFilter>, Context>) {
  return subscribeToLog(context.events.openPipelineChanges, OpenPipelineChangedFilter, args, context.principal);
}

@Resolver(() => OpenPipelineChange)
export class OpenPipelineChangedResolver {
  @Query(() => String, {
    description:
      'The cursor of the newest open-pipeline event (of anyone\'s): subscribe to `openPipelineChanged` with it as `after` to receive every event from this moment on, ' +
      'even one made before the subscription starts or while it reconnects. Fetch it with the data the events will update',
  })
  openPipelineChangedCursor(@Ctx() ctx: Context): Promise<string> {
    return ctx.events.openPipelineChanges.head();
  }

  @Subscription(() => OpenPipelineChange, {
    description:
      "Every change of an account's open pipeline (its live deals in OPEN stages), live, with the account's whole open pipeline after it; " +
      'with `after`, first every event after that cursor, in order, then live ones. An event adds up the deals of every owner, so only ' +
      'ADMIN, MANAGER and ANALYST receive events. The accounts subgraph keeps segments over open pipeline current with it',
    subscribe: subscribeToOpenPipelineChanges,
  })
  openPipelineChanged(
    @Root() logged: LoggedEvent<OpenPipelineEventRow>,
    @Arg('after', () => String, {
      nullable: true,
      validate: false,
      description: 'The `cursor` of the last event you received: first every event after it, in order, then live ones. Default: live ones only',
    })
    _after: string | null,
    @Arg('filter', () => OpenPipelineChangedFilter, { nullable: true, validate: false, description: 'Only events matching all these conditions' })
    _filter: OpenPipelineChangedFilter | null,
  ): OpenPipelineChange {
    const { shares, ...event } = logged.event;
    return Object.assign(new OpenPipelineChange(), event, {
      cursor: logged.cursor,
      shares: shares.map(({ ownerId, teamId, currency, amount }) => ({ owner: { id: ownerId }, team: teamId ? { id: teamId } : null, amount: { amount, currency } })),
    });
  }

  @FieldResolver(() => ID, { description: 'Stable identifier of the event' })
  id(@Root() event: OpenPipelineChange): string {
    return event.id;
  }

  @FieldResolver(() => Account, { description: 'The account whose open pipeline changed' })
  account(@Root() event: OpenPipelineChange): Account {
    return { id: event.accountId };
  }

  @FieldResolver(() => Opportunity, {
    nullable: true,
    description: 'The deal whose write changed the open pipeline, as it is now; null for a deleted one, for BACKFILL, and for one you may not read',
  })
  opportunity(@Root() event: OpenPipelineChange, @Ctx() ctx: Context): Promise<Opportunity | null> | null {
    return event.opportunityId ? ctx.loaders.opportunityById.load(event.opportunityId) : null;
  }
}
