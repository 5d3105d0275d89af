import { accessCondition, type RecordType } from '@crm/kernel/subgraph';
import { Opportunity } from './opportunity.entity';

/** Deals are deal work: read by all but REPs, who see their own and their team's; written by owner and team. */
export const OPPORTUNITY_RECORD: RecordType<Opportunity> = {
  entity: Opportunity,
  name: 'Opportunity',
  audited: ['name', 'accountId', 'ownerId', 'teamId', 'pipelineId', 'stageId', 'amount', 'expectedCloseDate', 'closedAt', 'lostReasonId', 'lostReasonNote'],
  access: (principal, access, alias) => accessCondition(principal, 'dealWork', access, { owner: `${alias}.owner_id`, team: `${alias}.team_id` }),
};
