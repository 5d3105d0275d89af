import { type Principal } from '@crm/kernel';
import { applyDeletedFilter, containsPattern, paginate, paginateByParent, readableBy } from '@crm/kernel/subgraph';
import type { SelectQueryBuilder } from 'typeorm';
import type { Context } from '../context';
import { Stage } from '../pipelines/stage.entity';
import type { OpportunityFilter } from './opportunity-filter.input';
import type { OpportunityListArgs } from './opportunity-list.args';
import { opportunitySortOrder } from './opportunity-order.input';
import { Opportunity } from './opportunity.entity';
import { OPPORTUNITY_RECORD } from './opportunity.record';

/**
 * Narrows `qb` to the deals `principal` may read (live ones, or deleted ones with `deleted`), then
 * to `filter`. Every list, count and aggregate of deals starts here, so none can skip the access rule.
 */
export function applyOpportunityFilter(
  qb: SelectQueryBuilder<Opportunity>,
  filter: OpportunityFilter | undefined | null,
  principal: Principal,
): SelectQueryBuilder<Opportunity> {
  const o = qb.alias;
  applyDeletedFilter(readableBy(qb, OPPORTUNITY_RECORD, principal), principal, filter?.deleted);
  if (!filter) return qb;
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
  return qb;
}

/** A page of the deals the caller may read, filtered and sorted (`Query.opportunities`). */
export function listOpportunities(ctx: Context, { first, after, filter, orderBy }: OpportunityListArgs) {
  const qb = applyOpportunityFilter(ctx.db.getRepository(Opportunity).createQueryBuilder('opportunity'), filter, ctx.principal);
  return paginate(qb, opportunitySortOrder(orderBy), { first, after });
}

/** The same page for each of many accounts, in one query (`Account.opportunities`, batched per request). */
export function listOpportunitiesOfAccounts(ctx: Context, args: OpportunityListArgs, accountIds: readonly string[]) {
  return paginateByParent(
    applyOpportunityFilter(ctx.db.getRepository(Opportunity).createQueryBuilder('opportunity'), args.filter, ctx.principal),
    'accountId',
    accountIds,
    opportunitySortOrder(args.orderBy),
    args,
  );
}
