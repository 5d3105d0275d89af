import { containsPattern, recordList } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { Stage } from '../pipelines/stage.entity';
import type { OpportunityFilter } from './opportunity-filter.input';
import type { OpportunityListArgs } from './opportunity-list.args';
import { opportunitySortOrder } from './opportunity-order.input';
import { OPPORTUNITY_RECORD } from './opportunity.record';

/** Every list, count and aggregate of deals starts here (alias `opportunity`), so none can skip the access rule. */
const deals = recordList(OPPORTUNITY_RECORD, {
  alias: 'opportunity',
  order: opportunitySortOrder,
  where(qb, filter: OpportunityFilter) {
    const o = qb.alias;
    if (filter.pipelineId) qb.andWhere(`${o}.pipelineId = :pipelineId`, { pipelineId: filter.pipelineId });
    if (filter.stageId) qb.andWhere(`${o}.stageId = :stageId`, { stageId: filter.stageId });
    if (filter.ownerId) qb.andWhere(`${o}.ownerId = :ownerId`, { ownerId: filter.ownerId });
    if (filter.teamId) qb.andWhere(`${o}.teamId = :teamId`, { teamId: filter.teamId });
    if (filter.accountId) qb.andWhere(`${o}.accountId = :accountId`, { accountId: filter.accountId });
    if (filter.stageKind) {
      const stagesOfKind = qb.subQuery().select('kind_stage.id').from(Stage, 'kind_stage').where('kind_stage.kind = :stageKind').getQuery();
      qb.andWhere(`${o}.stageId IN ${stagesOfKind}`, { stageKind: filter.stageKind });
    }
    if (filter.currency) qb.andWhere(`${o}.currency = :currency`, { currency: filter.currency.toUpperCase() });
    if (filter.search) qb.andWhere(`lower(${o}.name) LIKE :search`, { search: containsPattern(filter.search) });
    if (filter.expectedCloseFrom) qb.andWhere(`${o}.expectedCloseDate >= :expectedCloseFrom`, { expectedCloseFrom: filter.expectedCloseFrom });
    if (filter.expectedCloseTo) qb.andWhere(`${o}.expectedCloseDate <= :expectedCloseTo`, { expectedCloseTo: filter.expectedCloseTo });
    if (filter.minAmount) qb.andWhere(`${o}.amountValue >= :minAmount`, { minAmount: filter.minAmount });
    if (filter.maxAmount) qb.andWhere(`${o}.amountValue <= :maxAmount`, { maxAmount: filter.maxAmount });
  },
});

/** A page of the deals the caller may read, filtered and sorted (`Query.opportunities`). */
export function listOpportunities(ctx: Context, args: OpportunityListArgs) {
  return deals.page(ctx.db, ctx.principal, args);
}

/** The same page for each of many accounts, in one query (`Account.opportunities`, batched per request). */
export function listOpportunitiesOfAccounts(ctx: Context, args: OpportunityListArgs, accountIds: readonly string[]) {
  return deals.pagesByParent(ctx.db, ctx.principal, args, 'accountId', accountIds);
}
