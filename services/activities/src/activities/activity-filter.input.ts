import { applyDeletedFilter, containsPattern, readableBy } from '@crm/kernel/subgraph';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { Context } from '../context';
import { Activity } from './activity.entity';
import { ActivityType, SCHEDULED_TYPES } from './activity-type.enum';
import { ACTIVITY_RECORD } from './activity.record';

/** SQL twin of `Activity.isOverdue`: a task or training past its due date and not completed. */
function overdueCondition(a: string): string {
  const scheduled = SCHEDULED_TYPES.map((type) => `'${type}'`).join(', ');
  return `(${a}.type IN (${scheduled}) AND ${a}.completedAt IS NULL AND ${a}.dueAt IS NOT NULL AND ${a}.dueAt < now())`;
}

@InputType({ description: 'Narrows a list of activities; all given conditions must hold' })
export class ActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Only activities linked to this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities linked to this contact' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities linked to this opportunity' })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities shared with this team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => ActivityType, { nullable: true, description: 'Only activities of this type' })
  type?: ActivityType;

  @Field({ nullable: true, description: 'true: only activities marked complete; false: only those not marked complete (combine with type TASK for open tasks)' })
  completed?: boolean;

  @Field({ nullable: true, description: 'true: only overdue tasks and trainings; false: everything that is not overdue' })
  overdue?: boolean;

  @Field(() => Date, { nullable: true, description: 'Only interactions that happened at or after this time' })
  occurredFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Only interactions that happened before this time (exclusive)' })
  occurredTo?: Date;

  @Field(() => Date, { nullable: true, description: 'Only tasks and trainings due before this time (exclusive)' })
  dueBefore?: Date;

  @Field({ nullable: true, description: 'Case-insensitive text contained in the subject or body' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Only deleted records, to restore them; ADMIN and MANAGER only' })
  deleted?: boolean;
}

/**
 * The activities the caller may read that match `filter`, as one query (alias `activity`) for a list,
 * a nested list or a count: the read condition is SQL, so pages and totals agree. Deleted activities
 * are left out unless `filter.deleted` asks for them (ADMIN and MANAGER only).
 */
export function readableActivities(ctx: Context, filter: ActivityFilter | undefined | null): SelectQueryBuilder<Activity> {
  const qb = readableBy(ctx.db.getRepository(Activity).createQueryBuilder('activity'), ACTIVITY_RECORD, ctx.principal);
  return applyActivityFilter(applyDeletedFilter(qb, ctx.principal, filter?.deleted), filter);
}

export function applyActivityFilter(qb: SelectQueryBuilder<Activity>, filter: ActivityFilter | undefined | null): SelectQueryBuilder<Activity> {
  const a = qb.alias;
  if (!filter) return qb;
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
  return qb;
}
