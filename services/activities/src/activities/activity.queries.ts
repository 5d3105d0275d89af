import { auditTrail, containsPattern, recordList, type AuditEntry, type ConnectionData, type PageRequest } from '@crm/kernel/subgraph';
import type { SelectQueryBuilder } from 'typeorm';
import type { Context } from '../context';
import { Activity } from './activity.entity';
import { SCHEDULED_TYPES } from './activity-type.enum';
import { ACTIVITY_RECORD } from './activity.record';
import type { ActivityFilter } from './activity-filter.input';
import type { ActivityListArgs } from './activity-list.args';
import { activitySortOrder } from './activity-order.input';
import type { TimelineParent } from './last-activity-at.loader';

/** SQL twin of `Activity.isOverdue`: a task or training past its due date and not completed. */
function overdueCondition(a: string): string {
  const scheduled = SCHEDULED_TYPES.map((type) => `'${type}'`).join(', ');
  return `(${a}.type IN (${scheduled}) AND ${a}.completedAt IS NULL AND ${a}.dueAt IS NOT NULL AND ${a}.dueAt < now())`;
}

/**
 * Every list and count of activities starts here (alias `activity`): the read condition is SQL, so
 * pages and totals agree. Deleted activities are left out unless `filter.deleted` asks for them
 * (ADMIN and MANAGER only).
 */
const activities = recordList(ACTIVITY_RECORD, { alias: 'activity', order: activitySortOrder, where: applyActivityFilter });

function applyActivityFilter(qb: SelectQueryBuilder<Activity>, filter: ActivityFilter): void {
  const a = qb.alias;
  if (filter.accountId) qb.andWhere(`${a}.accountId = :accountId`, { accountId: filter.accountId });
  if (filter.contactId) qb.andWhere(`${a}.contactId = :contactId`, { contactId: filter.contactId });
  if (filter.opportunityId) qb.andWhere(`${a}.opportunityId = :opportunityId`, { opportunityId: filter.opportunityId });
  if (filter.ownerId) qb.andWhere(`${a}.ownerId = :ownerId`, { ownerId: filter.ownerId });
  if (filter.teamId) qb.andWhere(`${a}.teamId = :teamId`, { teamId: filter.teamId });
  if (filter.type) qb.andWhere(`${a}.type = :type`, { type: filter.type });
  if (filter.completed !== undefined && filter.completed !== null) {
    qb.andWhere(filter.completed ? `${a}.completedAt IS NOT NULL` : `${a}.completedAt IS NULL`);
  }
  if (filter.overdue !== undefined && filter.overdue !== null) {
    qb.andWhere(filter.overdue ? overdueCondition(a) : `NOT ${overdueCondition(a)}`);
  }
  if (filter.occurredFrom) qb.andWhere(`${a}.occurredAt >= :occurredFrom`, { occurredFrom: filter.occurredFrom });
  if (filter.occurredTo) qb.andWhere(`${a}.occurredAt < :occurredTo`, { occurredTo: filter.occurredTo });
  if (filter.dueBefore) qb.andWhere(`${a}.dueAt < :dueBefore`, { dueBefore: filter.dueBefore });
  if (filter.search) {
    qb.andWhere(`(lower(${a}.subject) LIKE :search OR lower(${a}.body) LIKE :search)`, { search: containsPattern(filter.search) });
  }
}

/** One activity the caller may read, or null (the loader answers null for an id that is not a UUID, without SQL). */
export function findActivity(ctx: Context, id: string): Promise<Activity | null> {
  return ctx.loaders.activityById.load(id);
}

/** `Query.activities`: a page of the activities the caller may read that match the filter, in the asked order. */
export function listActivities(ctx: Context, args: ActivityListArgs): Promise<ConnectionData<Activity>> {
  return activities.page(ctx.db, ctx.principal, args);
}

/** The loader key of each parent's timeline; nested lists with the same arguments share one batch. */
const TIMELINE_KEYS: Record<TimelineParent, string> = {
  accountId: 'Account.activities',
  contactId: 'Contact.activities',
  opportunityId: 'Opportunity.activities',
};

/**
 * The timeline of one account, contact or opportunity (`parent` names the link column): a page of
 * its activities the caller may read. The timelines of every parent of a request with the same
 * arguments are one window query (and one count).
 */
export function timelineOf(ctx: Context, parent: TimelineParent, parentId: string, args: ActivityListArgs): Promise<ConnectionData<Activity>> {
  return ctx.loaders.lists
    .get(TIMELINE_KEYS[parent], args, (parentIds: readonly string[]) =>
      activities.pagesByParent(ctx.db, ctx.principal, args, parent, parentIds),
    )
    .load(parentId);
}

/** `Activity.auditTrail`: who changed what of one activity, newest first (ADMIN and MANAGER only). */
export function activityAuditTrail(ctx: Context, activityId: string, page: PageRequest): Promise<ConnectionData<AuditEntry>> {
  return auditTrail(ctx.db, ctx.principal, ACTIVITY_RECORD.name, activityId, page);
}
