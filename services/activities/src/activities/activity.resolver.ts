import { BadUserInputError, ConflictError, NotFoundError, requireRole } from '@crm/kernel';
import {
  assertAssignable,
  auditChanged,
  AuditAction,
  AuditEntryConnection,
  auditCreated,
  auditTrail,
  defaultTeamId,
  definedOnly,
  deleteRecord,
  idempotentCall,
  lockForWrite,
  PageArgs,
  paginate,
  rejectNulls,
  restoreRecord,
  runIdempotentCreate,
  updateRecord,
  WRITING_ROLES,
} from '@crm/kernel/subgraph';
import { isUUID } from 'class-validator';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Activity } from './activity.entity';
import { LOGGED_TYPES, SCHEDULED_TYPES } from './activity-type.enum';
import { ACTIVITY_RECORD } from './activity.record';
import { assertActivityRules, type ActivityFacts } from './activity.rules';
import { scheduleRefresher } from '../training/schedule-refresher';
import { InteractionChange } from './interaction-change.enum';
import { recordInteractionChange } from './interaction-logged.log';
import { Account } from '../stubs/account.stub';
import { Contact } from '../stubs/contact.stub';
import { Opportunity } from '../stubs/opportunity.stub';
import { Team } from '../stubs/team.stub';
import { User } from '../stubs/user.stub';
import { ActivityConnection } from './activity-connection.type';
import { readableActivities } from './activity-filter.input';
import { ActivityListArgs } from './activity-list.args';
import { activitySortOrder } from './activity-order.input';
import { CreateActivityInput } from './create-activity.input';
import { UpdateActivityInput } from './update-activity.input';

const LINKS = ['accountId', 'contactId', 'opportunityId'] as const;

/** An id that is not a UUID names no activity; answering null spares PostgreSQL a cast error. */
function findActivity(ctx: Context, id: string): Promise<Activity | null> {
  return isUUID(id) ? ctx.loaders.activityById.load(id) : Promise.resolve(null);
}

function facts(activity: ActivityFacts): ActivityFacts {
  const { type, occurredAt, dueAt, completedAt, accountId, contactId, opportunityId, feedbackScore } = activity;
  return { type, occurredAt, dueAt, completedAt, accountId, contactId, opportunityId, feedbackScore };
}

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => Activity, { nullable: true, description: 'One activity by id; null when it does not exist or you may not read it' })
  activity(@Arg('id', () => ID, { description: 'Id of the activity' }) id: string, @Ctx() ctx: Context): Promise<Activity | null> {
    return findActivity(ctx, id);
  }

  @Query(() => ActivityConnection, {
    description: 'Activities you may read, filtered, sorted (default: the timeline, newest first) and paginated; a REP sees their own and their team\'s',
  })
  activities(@Args() { first, after, filter, orderBy }: ActivityListArgs, @Ctx() ctx: Context) {
    return paginate(readableActivities(ctx, filter), activitySortOrder(orderBy), { first, after });
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
  auditTrail(@Root() activity: Activity, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return auditTrail(ctx.db, ctx.principal, ACTIVITY_RECORD.name, activity.id, page);
  }

  @Mutation(() => Activity, {
    description:
      'Logs an activity. A call needs only type, subject and a link: the owner defaults to you and occurredAt to now. ' +
      'A retry with the same `idempotencyKey` and input returns the first result',
  })
  async createActivity(@Arg('input', () => CreateActivityInput, { description: 'What to log' }) input: CreateActivityInput, @Ctx() ctx: Context): Promise<Activity> {
    requireRole(ctx.principal, WRITING_ROLES, 'log activities');
    assertAssignable(ctx.principal, input);
    const ownerId = input.ownerId ?? ctx.principal.userId;
    const completedAt = input.completedAt ?? null;
    const fields = {
      type: input.type,
      subject: input.subject,
      body: input.body ?? null,
      occurredAt: input.occurredAt ?? (LOGGED_TYPES.includes(input.type) ? new Date() : completedAt),
      dueAt: input.dueAt ?? null,
      completedAt,
      ownerId,
      teamId: defaultTeamId(ctx.principal, ownerId, input.teamId),
      accountId: input.accountId ?? null,
      contactId: input.contactId ?? null,
      opportunityId: input.opportunityId ?? null,
      feedbackScore: input.feedbackScore ?? null,
    };
    const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createActivity', input), {
      prepare: async () => assertActivityRules(fields, { requireLink: true }),
      write: async (manager) => {
        const repository = manager.getRepository(Activity);
        const { id } = await repository.save(repository.create(fields));
        // Refuses (rolling back) what the caller could not change afterwards, e.g. a MANAGER's activity for another team.
        const created = await auditCreated(manager, ACTIVITY_RECORD, ctx.principal, id);
        // In the same transaction: the interaction event (staleAccounts) and, for finished training logged after the fact, its refresher.
        await recordInteractionChange(manager, InteractionChange.LOGGED, null, created);
        await scheduleRefresher(manager, ctx.principal, created, ctx.settings.refresherIntervalDays);
        return id;
      },
    });
    // A replay returns the activity as it is now: absent if it was deleted since or is no longer the caller's to read.
    const created = await ctx.loaders.activityById.load(id);
    if (!created) throw new NotFoundError('Activity', id);
    return created;
  }

  @Mutation(() => Activity, { description: 'Changes an activity; pass `expectedVersion` to refuse overwriting a newer change' })
  async updateActivity(
    @Arg('id', () => ID, { description: 'The activity to change' }) id: string,
    @Arg('input', () => UpdateActivityInput, { description: 'The fields to change' }) input: UpdateActivityInput,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    requireRole(ctx.principal, WRITING_ROLES, 'change activities');
    rejectNulls(input, ['type', 'subject', 'ownerId']);
    assertAssignable(ctx.principal, input);
    const { expectedVersion, ...fields } = input;
    const current = await findActivity(ctx, id);
    if (!current) throw new NotFoundError('Activity', id);
    const patch = definedOnly(fields);
    assertActivityRules({ ...facts(current), ...patch } as ActivityFacts, { requireLink: LINKS.some((link) => link in patch) });
    // Locks, checks write access and the version, updates and audits in one transaction.
    const updated = await updateRecord(ctx.db, ACTIVITY_RECORD, ctx.principal, id, patch, expectedVersion, {
      afterWrite: async (manager, before, after) => {
        await recordInteractionChange(manager, InteractionChange.CHANGED, before, after);
        // Completing a training (completedAt set where it was empty) schedules its refresher.
        if (!before.completedAt) await scheduleRefresher(manager, ctx.principal, after, ctx.settings.refresherIntervalDays);
      },
    });
    ctx.loaders.activityById.clear(id).prime(id, updated);
    return updated;
  }

  @Mutation(() => Activity, {
    description: 'Marks a task or training as done now (completedAt, and occurredAt when empty). Completing a completed one changes nothing',
  })
  async completeActivity(
    @Arg('id', () => ID, { description: 'The task or training to complete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read; refused with CONFLICT if it changed since' })
    expectedVersion: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    requireRole(ctx.principal, WRITING_ROLES, 'complete activities');
    const completed = await ctx.db.transaction(async (manager) => {
      // Not the version yet: a retry after a lost response carries the version read before the first attempt.
      const current = await lockForWrite(manager, ACTIVITY_RECORD, ctx.principal, id, { what: 'complete' });
      if (!SCHEDULED_TYPES.includes(current.type)) {
        throw BadUserInputError.field('id', `activity ${id} is a ${current.type}; only TASK and TRAINING activities can be completed`);
      }
      // The retry must not fail: the task is done either way.
      if (current.completedAt) return current;
      if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== current.version) {
        throw new ConflictError(`Activity ${id} was changed by someone else: expected version ${expectedVersion}, current version ${current.version}; reload and retry`, {
          currentVersion: current.version,
        });
      }
      // One statement, the database's clock: completedAt and a missing occurredAt get the same instant.
      const patch = { completedAt: () => 'now()', occurredAt: () => 'coalesce(occurred_at, now())' };
      await manager.getRepository(Activity).createQueryBuilder().update().set(patch).where('id = :id', { id }).execute();
      const done = await auditChanged(manager, ACTIVITY_RECORD, ctx.principal, current, AuditAction.UPDATE);
      await scheduleRefresher(manager, ctx.principal, done, ctx.settings.refresherIntervalDays);
      return done;
    });
    ctx.loaders.activityById.clear(id).prime(id, completed);
    return completed;
  }

  @Mutation(() => Activity, {
    description:
      'Deletes an activity: it vanishes from lists, timelines, lookups and lastActivityAt, but keeps its audit trail and can be restored ' +
      '(restoreActivity). Returns it with deletedAt set. Pass `expectedVersion` to refuse deleting a newer change',
  })
  async deleteActivity(
    @Arg('id', () => ID, { description: 'The activity to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read; refused with CONFLICT if it changed since' })
    expectedVersion: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    const deleted = await deleteRecord(ctx.db, ACTIVITY_RECORD, ctx.principal, id, expectedVersion, {
      afterWrite: (manager, before, after) => recordInteractionChange(manager, InteractionChange.DELETED, before, after),
    });
    ctx.loaders.activityById.clear(id);
    return deleted;
  }

  @Mutation(() => Activity, { description: 'Brings a deleted activity back (find it with `filter: { deleted: true }`); ADMIN, or a MANAGER for an activity they may change' })
  async restoreActivity(@Arg('id', () => ID, { description: 'The deleted activity to restore' }) id: string, @Ctx() ctx: Context): Promise<Activity> {
    const restored = await restoreRecord(ctx.db, ACTIVITY_RECORD, ctx.principal, id, {
      afterWrite: (manager, before, after) => recordInteractionChange(manager, InteractionChange.RESTORED, before, after),
    });
    ctx.loaders.activityById.clear(id).prime(id, restored);
    return restored;
  }
}
