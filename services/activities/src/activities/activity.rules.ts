import { BadUserInputError, type FieldProblem } from '@crm/kernel';
import { ActivityType, SCHEDULED_TYPES } from './activity-type.enum';

/** The fields the cross-field rules look at: an activity as it would be stored after a write. */
export interface ActivityFacts {
  type: ActivityType;
  occurredAt: Date | null;
  dueAt: Date | null;
  completedAt: Date | null;
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  feedbackScore: number | null;
}

export interface RuleOptions {
  /**
   * Require a link to an account, contact or opportunity. Always on create; on update only when the
   * update changes links, so older unlinked rows (internal notes in the demo book) stay editable.
   */
  requireLink: boolean;
  /** Prefix of the field paths in problems. Default `input`. */
  prefix?: string;
}

/**
 * Rules that span several fields, so class-validator on one field cannot express them. The table's
 * CHECK constraints enforce the same (except the link rule, see README); this gives the client a
 * message naming the field instead of a masked constraint violation.
 */
export function activityProblems(activity: ActivityFacts, { requireLink, prefix = 'input' }: RuleOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { type } = activity;
  const scheduled = SCHEDULED_TYPES.includes(type);
  if (requireLink && !activity.accountId && !activity.contactId && !activity.opportunityId) {
    for (const link of ['accountId', 'contactId', 'opportunityId']) {
      problems.push({ field: `${prefix}.${link}`, message: 'at least one of accountId, contactId or opportunityId is required; got none' });
    }
  }
  if (activity.feedbackScore !== null && type !== ActivityType.FEEDBACK) {
    problems.push({ field: `${prefix}.feedbackScore`, message: `is only allowed for FEEDBACK activities, got type ${type}` });
  }
  if (activity.dueAt !== null && !scheduled) {
    problems.push({ field: `${prefix}.dueAt`, message: `is only allowed for TASK and TRAINING activities, got type ${type}` });
  }
  if (activity.completedAt !== null && !scheduled) {
    problems.push({ field: `${prefix}.completedAt`, message: `is only allowed for TASK and TRAINING activities, got type ${type}` });
  }
  if (activity.occurredAt === null && !scheduled) {
    problems.push({ field: `${prefix}.occurredAt`, message: `cannot be empty for a ${type}: it records when the interaction happened` });
  }
  return problems;
}

/** Throws BAD_USER_INPUT listing every broken rule, or returns when there is none. */
export function assertActivityRules(activity: ActivityFacts, options: RuleOptions): void {
  const problems = activityProblems(activity, options);
  if (problems.length > 0) {
    throw BadUserInputError.of(problems);
  }
}
