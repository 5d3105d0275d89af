import {
  BadUserInputError,
  definedOnly,
  idempotentCall,
  NotFoundError,
  paginate,
  rejectNulls,
  requireRole,
  runIdempotentCreate,
  updateVersioned,
  UserRole,
} from '@crm/kernel';
import { isUUID } from 'class-validator';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Activity } from '../entities/activity.entity';
import { LOGGED_TYPES, SCHEDULED_TYPES } from '../entities/activity-type.enum';
import { assertActivityRules, type ActivityFacts } from '../entities/activity.rules';
import { Account } from '../stubs/account.stub';
import { Contact } from '../stubs/contact.stub';
import { Opportunity } from '../stubs/opportunity.stub';
import { User } from '../stubs/user.stub';
import { ActivityConnection } from './activity-connection.type';
import { applyActivityFilter } from './activity-filter.input';
import { ActivityListArgs } from './activity-list.args';
import { activitySortOrder } from './activity-order.input';
import { CreateActivityInput } from './create-activity.input';
import { UpdateActivityInput } from './update-activity.input';

/** Analysts only read (see `UserRole`); everyone else records their customer work. */
const WRITERS = [UserRole.ADMIN, UserRole.MANAGER, UserRole.REP];
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
  @Query(() => Activity, { nullable: true, description: 'One activity by id; null when it does not exist' })
  activity(@Arg('id', () => ID, { description: 'Id of the activity' }) id: string, @Ctx() ctx: Context): Promise<Activity | null> {
    return findActivity(ctx, id);
  }

  @Query(() => ActivityConnection, { description: 'Activities, filtered, sorted (default: the timeline, newest first) and paginated' })
  activities(@Args() { first, after, filter, orderBy }: ActivityListArgs, @Ctx() ctx: Context) {
    const qb = applyActivityFilter(ctx.db.getRepository(Activity).createQueryBuilder('activity'), filter);
    return paginate(qb, activitySortOrder(orderBy), { first, after });
  }

  // The linked records live in other subgraphs: answering `{ id }` costs no query here, and the
  // gateway fetches the rest from their owners in one batch.
  @FieldResolver(() => User, { description: 'The user responsible for the activity: who made the call or must do the task' })
  owner(@Root() activity: Activity): User {
    return { id: activity.ownerId };
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

  @Mutation(() => Activity, {
    description:
      'Logs an activity. A call needs only type, subject and a link: the owner defaults to you and occurredAt to now. ' +
      'A retry with the same `idempotencyKey` and input returns the first result',
  })
  async createActivity(@Arg('input', () => CreateActivityInput, { description: 'What to log' }) input: CreateActivityInput, @Ctx() ctx: Context): Promise<Activity> {
    requireRole(ctx.principal, WRITERS, 'log activities');
    const completedAt = input.completedAt ?? null;
    const fields = {
      type: input.type,
      subject: input.subject,
      body: input.body ?? null,
      occurredAt: input.occurredAt ?? (LOGGED_TYPES.includes(input.type) ? new Date() : completedAt),
      dueAt: input.dueAt ?? null,
      completedAt,
      ownerId: input.ownerId ?? ctx.principal.userId,
      accountId: input.accountId ?? null,
      contactId: input.contactId ?? null,
      opportunityId: input.opportunityId ?? null,
      feedbackScore: input.feedbackScore ?? null,
    };
    const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createActivity', input), {
      prepare: async () => assertActivityRules(fields, { requireLink: true }),
      write: async (manager) => {
        const repository = manager.getRepository(Activity);
        return (await repository.save(repository.create(fields))).id;
      },
    });
    return ctx.db.getRepository(Activity).findOneByOrFail({ id });
  }

  @Mutation(() => Activity, { description: 'Changes an activity; pass `expectedVersion` to refuse overwriting a newer change' })
  async updateActivity(
    @Arg('id', () => ID, { description: 'The activity to change' }) id: string,
    @Arg('input', () => UpdateActivityInput, { description: 'The fields to change' }) input: UpdateActivityInput,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    requireRole(ctx.principal, WRITERS, 'change activities');
    rejectNulls(input, ['type', 'subject', 'ownerId']);
    const { expectedVersion, ...fields } = input;
    const current = await findActivity(ctx, id);
    if (!current) throw new NotFoundError('Activity', id);
    const patch = definedOnly(fields);
    assertActivityRules({ ...facts(current), ...patch } as ActivityFacts, { requireLink: LINKS.some((link) => link in patch) });
    return updateVersioned(ctx.db.getRepository(Activity), 'Activity', id, patch, expectedVersion);
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
    requireRole(ctx.principal, WRITERS, 'complete activities');
    const current = await findActivity(ctx, id);
    if (!current) throw new NotFoundError('Activity', id);
    if (!SCHEDULED_TYPES.includes(current.type)) {
      throw BadUserInputError.field('id', `activity ${id} is a ${current.type}; only TASK and TRAINING activities can be completed`);
    }
    // A retry after a lost response must not fail: the task is done either way.
    if (current.completedAt) return current;
    // One statement, the database's clock: completedAt and a missing occurredAt get the same instant.
    const patch = { completedAt: () => 'now()', occurredAt: () => 'coalesce(occurred_at, now())' };
    return updateVersioned(ctx.db.getRepository(Activity), 'Activity', id, patch, expectedVersion);
  }
}
