import { BadUserInputError, requireRole } from '@crm/kernel';
import {
  assertAssignable,
  assertExpectedVersion,
  auditChanged,
  AuditAction,
  defaultTeamId,
  definedOnly,
  lockForWrite,
  recordCommands,
  rejectNulls,
  WRITING_ROLES,
} from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { scheduleRefresher } from '../training/schedule-refresher';
import { Activity } from './activity.entity';
import { LOGGED_TYPES, SCHEDULED_TYPES } from './activity-type.enum';
import { ACTIVITY_RECORD } from './activity.record';
import { assertActivityRules, type ActivityFacts } from './activity.rules';
import type { CreateActivityInput } from './create-activity.input';
import { InteractionChange } from './interaction-change.enum';
import { recordInteractionChange } from './interaction-logged.log';
import type { UpdateActivityInput } from './update-activity.input';

const activities = recordCommands(ACTIVITY_RECORD, { schema: SCHEMA, loader: (ctx: Context) => ctx.loaders.activityById });

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
  // A replay returns the activity as it is now: absent if it was deleted since or is no longer the caller's to read.
  return activities.create(ctx, 'createActivity', input, {
    prepare: async () => assertActivityRules(fields, { requireLink: true }),
    insert: async (manager) => {
      const repository = manager.getRepository(Activity);
      return (await repository.save(repository.create(fields))).id;
    },
    // In the same transaction: the interaction event (staleAccounts) and, for finished training logged after the fact, its refresher.
    afterCreate: async (manager, created) => {
      await recordInteractionChange(manager, InteractionChange.LOGGED, null, created);
      await scheduleRefresher(manager, ctx.principal, created, ctx.settings.refresherIntervalDays);
    },
  });
}

/** Changes an activity; never leaves it linked to nothing, and completing a training schedules its refresher. */
export async function updateActivity(ctx: Context, id: string, input: UpdateActivityInput): Promise<Activity> {
  requireRole(ctx.principal, WRITING_ROLES, 'change activities');
  rejectNulls(input, ['type', 'subject', 'ownerId']);
  assertAssignable(ctx.principal, input);
  const { expectedVersion, ...fields } = input;
  const current = await activities.load(ctx, id);
  const patch = definedOnly(fields);
  assertActivityRules({ ...facts(current), ...patch } as ActivityFacts, { requireLink: LINKS.some((link) => link in patch) });
  // Locks, checks write access and the version, updates and audits in one transaction.
  return activities.update(ctx, id, patch, expectedVersion, {
    afterWrite: async (manager, before, after) => {
      await recordInteractionChange(manager, InteractionChange.CHANGED, before, after);
      // Completing a training (completedAt set where it was empty) schedules its refresher.
      if (!before.completedAt) await scheduleRefresher(manager, ctx.principal, after, ctx.settings.refresherIntervalDays);
    },
  });
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
    assertExpectedVersion(ACTIVITY_RECORD.name, id, expectedVersion, current.version);
    // One statement, the database's clock: completedAt and a missing occurredAt get the same instant.
    const patch = { completedAt: () => 'now()', occurredAt: () => 'coalesce(occurred_at, now())' };
    await manager.getRepository(Activity).createQueryBuilder().update().set(patch).where('id = :id', { id }).execute();
    const done = await auditChanged(manager, ACTIVITY_RECORD, ctx.principal, current, AuditAction.UPDATE);
    await scheduleRefresher(manager, ctx.principal, done, ctx.settings.refresherIntervalDays);
    return done;
  });
  return activities.written(ctx, completed);
}

/** Soft-deletes an activity, with its audit entry and interaction event. */
export function deleteActivity(ctx: Context, id: string, expectedVersion: number | null | undefined): Promise<Activity> {
  return activities.delete(ctx, id, expectedVersion, {
    afterWrite: (manager, before, after) => recordInteractionChange(manager, InteractionChange.DELETED, before, after),
  });
}

/** Brings a deleted activity back, with its audit entry and interaction event. */
export function restoreActivity(ctx: Context, id: string): Promise<Activity> {
  return activities.restore(ctx, id, {
    afterWrite: (manager, before, after) => recordInteractionChange(manager, InteractionChange.RESTORED, before, after),
  });
}
