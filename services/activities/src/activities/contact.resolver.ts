import type { ConnectionData } from '@crm/kernel/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Contact } from '../stubs/contact.stub';
import { ActivityConnection } from './activity-connection.type';
import { ActivityListArgs } from './activity-list.args';
import { timelineOf } from './activity.queries';
import type { Activity } from './activity.entity';

/** The fields this service adds to `Contact`: our history with the person. */
@Resolver(() => Contact)
export class ContactResolver {
  @FieldResolver(() => ActivityConnection, { description: 'Activities with or about this person, newest first' })
  activities(@Root() contact: Contact, @Args() args: ActivityListArgs, @Ctx() ctx: Context): Promise<ConnectionData<Activity>> {
    return timelineOf(ctx, 'contactId', contact.id, args);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When we last interacted with this person or finished work about them (latest past occurredAt or completedAt); null if never. Shows who in a buying committee has gone unattended',
  })
  lastActivityAt(@Root() contact: Contact, @Ctx() ctx: Context): Promise<Date | null> {
    return ctx.loaders.lastActivityAtByContact.load(contact.id);
  }
}
