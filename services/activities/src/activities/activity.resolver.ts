import { AuditEntryConnection, PageArgs, type AuditEntry, type ConnectionData } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from '../stubs/account.stub';
import { Contact } from '../stubs/contact.stub';
import { Opportunity } from '../stubs/opportunity.stub';
import { Team } from '../stubs/team.stub';
import { User } from '../stubs/user.stub';
import * as commands from './activity.commands';
import { Activity } from './activity.entity';
import { activityAuditTrail, findActivity, listActivities } from './activity.queries';
import { ActivityConnection } from './activity-connection.type';
import { ActivityListArgs } from './activity-list.args';
import { CreateActivityInput } from './create-activity.input';
import { UpdateActivityInput } from './update-activity.input';

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => Activity, { nullable: true, description: 'One activity by id; null when it does not exist or you may not read it' })
  activity(@Arg('id', () => ID, { description: 'Id of the activity' }) id: string, @Ctx() ctx: Context): Promise<Activity | null> {
    return findActivity(ctx, id);
  }

  @Query(() => ActivityConnection, {
    description: 'Activities you may read, filtered, sorted (default: the timeline, newest first) and paginated; a REP sees their own and their team\'s',
  })
  activities(@Args() args: ActivityListArgs, @Ctx() ctx: Context): Promise<ConnectionData<Activity>> {
    return listActivities(ctx, args);
  }

  // The linked records live in other subgraphs: answering `{ id }` costs no query here, and the
  // gateway fetches the rest from their owners in one batch.
  @FieldResolver(() => User, { description: 'The user responsible for the activity: who made the call or must do the task' })
  owner(@Root() activity: Activity): User {
    return { id: activity.ownerId };
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The sales team the activity is shared with; null when it is shared with none' })
  team(@Root() activity: Activity): Team | null {
    return activity.teamId ? { id: activity.teamId } : null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account the activity belongs to' })
  account(@Root() activity: Activity): Account | null {
    return activity.accountId ? { id: activity.accountId } : null;
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The person the activity was with or is about' })
  contact(@Root() activity: Activity): Contact | null {
    return activity.contactId ? { id: activity.contactId } : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The deal the activity moves forward' })
  opportunity(@Root() activity: Activity): Opportunity | null {
    return activity.opportunityId ? { id: activity.opportunityId } : null;
  }

  @FieldResolver(() => AuditEntryConnection, { description: 'Who changed what, newest first; ADMIN and MANAGER only' })
  auditTrail(@Root() activity: Activity, @Args() page: PageArgs, @Ctx() ctx: Context): Promise<ConnectionData<AuditEntry>> {
    return activityAuditTrail(ctx, activity.id, page);
  }

  @Mutation(() => Activity, {
    description:
      'Logs an activity. A call needs only type, subject and a link: the owner defaults to you and occurredAt to now. ' +
      'A retry with the same `idempotencyKey` and input returns the first result',
  })
  createActivity(@Arg('input', () => CreateActivityInput, { description: 'What to log' }) input: CreateActivityInput, @Ctx() ctx: Context): Promise<Activity> {
    return commands.createActivity(ctx, input);
  }

  @Mutation(() => Activity, { description: 'Changes an activity; pass `expectedVersion` to refuse overwriting a newer change' })
  updateActivity(
    @Arg('id', () => ID, { description: 'The activity to change' }) id: string,
    @Arg('input', () => UpdateActivityInput, { description: 'The fields to change' }) input: UpdateActivityInput,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    return commands.updateActivity(ctx, id, input);
  }

  @Mutation(() => Activity, {
    description: 'Marks a task or training as done now (completedAt, and occurredAt when empty). Completing a completed one changes nothing',
  })
  completeActivity(
    @Arg('id', () => ID, { description: 'The task or training to complete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read; refused with CONFLICT if it changed since' })
    expectedVersion: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    return commands.completeActivity(ctx, id, expectedVersion);
  }

  @Mutation(() => Activity, {
    description:
      'Deletes an activity: it vanishes from lists, timelines, lookups and lastActivityAt, but keeps its audit trail and can be restored ' +
      '(restoreActivity). Returns it with deletedAt set. Pass `expectedVersion` to refuse deleting a newer change',
  })
  deleteActivity(
    @Arg('id', () => ID, { description: 'The activity to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read; refused with CONFLICT if it changed since' })
    expectedVersion: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    return commands.deleteActivity(ctx, id, expectedVersion);
  }

  @Mutation(() => Activity, { description: 'Brings a deleted activity back (find it with `filter: { deleted: true }`); ADMIN, or a MANAGER for an activity they may change' })
  restoreActivity(@Arg('id', () => ID, { description: 'The deleted activity to restore' }) id: string, @Ctx() ctx: Context): Promise<Activity> {
    return commands.restoreActivity(ctx, id);
  }
}
