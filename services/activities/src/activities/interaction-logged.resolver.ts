import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Activity } from './activity.entity';
import { InteractionEvent } from './interaction-logged.event';
import { Account } from '../stubs/account.stub';
import { InteractionLoggedFilter } from './interaction-logged-filter.input';
import { interactionLoggedLog } from './interaction-logged.log';

@Resolver(() => InteractionEvent)
export class InteractionLoggedResolver extends interactionLoggedLog.resolver({
  payload: InteractionEvent,
  filter: InteractionLoggedFilter,
  descriptions: {
    cursor:
      'The cursor of the newest interaction event (of anyone\'s): subscribe to `interactionLogged` with it as `after` to receive every event from this moment on, ' +
      'even one made before the subscription starts or while it reconnects. Fetch it with the data the events will update',
    subscription:
      'Every change of the interactions (calls, meetings, e-mails, feedback) you may read, live, with each account\'s last and next interaction ' +
      'after it; with `after`, first every event after that cursor, in order, then live ones. The accounts subgraph keeps `staleAccounts` current with it',
    after: 'The `cursor` of the last event you received: first every event after it, in order, then live ones. Default: live ones only',
    filter: 'Only events matching all these conditions',
  },
}) {
  @FieldResolver(() => ID, { description: 'Stable identifier of the event' })
  id(@Root() event: InteractionEvent): string {
    return event.id;
  }

  @FieldResolver(() => Account, { description: 'The account whose interactions changed' })
  account(@Root() event: InteractionEvent): Account {
    return { id: event.accountId };
  }

  @FieldResolver(() => Activity, {
    nullable: true,
    description: 'The interaction that was logged, changed or restored, as it is now; null for a deleted one, for BACKFILL, and for one you may not read',
  })
  activity(@Root() event: InteractionEvent, @Ctx() ctx: Context): Promise<Activity | null> | null {
    return event.activityId ? ctx.loaders.activityById.load(event.activityId) : null;
  }
}
