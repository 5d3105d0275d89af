import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Opportunity } from './opportunity.entity';
import { OpenPipelineChange } from './open-pipeline-changed.event';
import { Account } from '../stubs/account.stub';
import { OpenPipelineChangedFilter } from './open-pipeline-changed-filter.input';
import { openPipelineChangedLog } from './open-pipeline-changed.log';

@Resolver(() => OpenPipelineChange)
export class OpenPipelineChangedResolver extends openPipelineChangedLog.resolver({
  payload: OpenPipelineChange,
  filter: OpenPipelineChangedFilter,
  toPayload: ({ cursor, event: { shares, ...event } }) =>
    Object.assign(new OpenPipelineChange(), event, {
      cursor,
      shares: shares.map(({ ownerId, teamId, currency, amount }) => ({ owner: { id: ownerId }, team: teamId ? { id: teamId } : null, amount: { amount, currency } })),
    }),
  descriptions: {
    cursor:
      'The cursor of the newest open-pipeline event (of anyone\'s): subscribe to `openPipelineChanged` with it as `after` to receive every event from this moment on, ' +
      'even one made before the subscription starts or while it reconnects. Fetch it with the data the events will update',
    subscription:
      "Every change of an account's open pipeline (its live deals in OPEN stages), live, with the account's whole open pipeline after it; " +
      'with `after`, first every event after that cursor, in order, then live ones. An event adds up the deals of every owner, so only ' +
      'ADMIN, MANAGER and ANALYST receive events. The accounts subgraph keeps segments over open pipeline current with it',
    after: 'The `cursor` of the last event you received: first every event after it, in order, then live ones. Default: live ones only',
    filter: 'Only events matching all these conditions',
  },
}) {
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
