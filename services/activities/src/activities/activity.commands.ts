import { BadUserInputError, ConflictError, NotFoundError, requireRole } from '@crm/kernel';
import {
  assertAssignable,
  auditChanged,
  AuditAction,
  auditCreated,
  defaultTeamId,
  definedOnly,
  deleteRecord,
  idempotentCall,
  lockForWrite,
  rejectNulls,
  restoreRecord,
  runIdempotentCreate,
  updateRecord,
  WRITING_ROLES,
} from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { scheduleRefresher } from '../training/schedule-refresher';
import { Activity } from './activity.entity';
import { LOGGED_TYPES, SCHEDULED_TYPES } from './activity-type.enum';
import { findActivity } from './activity.queries';
import { ACTIVITY_RECORD } from './activity.record';
import { assertActivityRules, type ActivityFacts } from './activity.rules';
import type { CreateActivityInput } from './create-activity.input';
import { InteractionChange } from './interaction-change.enum';
import { recordInteractionChange } from './interaction-logged.log';
import type { UpdateActivityInput } from './update-activity.input';

const LINKS = ['accountId', 'contactId', 'opportunityId'] as const;

function facts(activity: ActivityFacts): ActivityFacts {
  const { type, occurredAt, dueAt, completedAt, accountId, contactId, opportunityId, feedbackScore } = activity;
  return { type, occurredAt, dueAt, completedAt, accountId, contactId, opportunityId, feedbackScore };
}

/**
 * Logs an activity, idempotently when the input carries a key. The owner defaults to the caller,
 * `occurredAt` to now for logged types; the write, its audit entry, its interaction event and the
 * refresher of a training logged as done are one transaction.
 */
export async function createActivity(ctx: Context, input: CreateActivityInput): Promise<Activity> {
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

/** Changes an activity; never leaves it linked to nothing, and completing a training schedules its refresher. */
export async function updateActivity(ctx: Context, id: string, input: UpdateActivityInput): Promise<Activity> {
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

/** Marks a task or training as done now; completing a completed one returns it unchanged, so a retry never fails. */
export async function completeActivity(ctx: Context, id: string, expectedVersion: number | null | undefined): Promise<Activity> {
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

/** Soft-deletes an activity, with its audit entry and interaction event. */
export async function deleteActivity(ctx: Context, id: string, expectedVersion: number | null | undefined): Promise<Activity> {
  const deleted = await deleteRecord(ctx.db, ACTIVITY_RECORD, ctx.principal, id, expectedVersion, {
    afterWrite: (manager, before, after) => recordInteractionChange(manager, InteractionChange.DELETED, before, after),
  });
  ctx.loaders.activityById.clear(id);
  return deleted;
}

/** Brings a deleted activity back, with its audit entry and interaction event. */
export async function restoreActivity(ctx: Context, id: string): Promise<Activity> {
  const restored = await restoreRecord(ctx.db, ACTIVITY_RECORD, ctx.principal, id, {
    afterWrite: (manager, before, after) => recordInteractionChange(manager, InteractionChange.RESTORED, before, after),
  });
  ctx.loaders.activityById.clear(id).prime(id, restored);
  return restored;
}
