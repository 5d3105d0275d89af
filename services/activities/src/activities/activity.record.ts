import { accessCondition, type RecordType } from '@crm/kernel/subgraph';
import { Activity } from './activity.entity';

/** Activities are deal work: read by all but REPs, who see their own and their team's; written by owner and team. */
export const ACTIVITY_RECORD: RecordType<Activity> = {
  entity: Activity,
  name: 'Activity',
  audited: ['type', 'subject', 'body', 'occurredAt', 'dueAt', 'completedAt', 'ownerId', 'teamId', 'accountId', 'contactId', 'opportunityId', 'feedbackScore'],
  access: (principal, access, alias) => accessCondition(principal, 'dealWork', access, { owner: `${alias}.owner_id`, team: `${alias}.team_id` }),
};
