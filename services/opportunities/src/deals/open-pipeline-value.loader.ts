import { type Principal } from '@crm/kernel';
import { groupByKeys, readableBy, type Money } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Opportunity } from './opportunity.entity';
import { OPPORTUNITY_RECORD } from './opportunity.record';
import { Stage } from '../pipelines/stage.entity';
import { StageKind } from '../pipelines/stage-kind.enum';

interface Row {
  accountId: string;
  currency: string;
  amount: string;
}

/**
 * Sum of the amounts of open deals per account and currency, for many accounts in one GROUP BY.
 * Currencies are never added together; PostgreSQL sums numeric exactly and we pass the text on.
 * Only deals `principal` may read count (a REP sees the value of their own and their team's deals).
 */
export function openPipelineValueLoader(db: DataSource, principal: Principal): DataLoader<string, Money[]> {
  return new DataLoader(async (accountIds) => {
    const query = readableBy(db.getRepository(Opportunity).createQueryBuilder('opportunity'), OPPORTUNITY_RECORD, principal);
    const rows = await query
      .innerJoin(Stage, 'stage', 'stage.id = opportunity.stageId')
      .select('opportunity.accountId', 'accountId')
      .addSelect('opportunity.currency', 'currency')
      .addSelect('sum(opportunity.amountValue)::text', 'amount')
      .andWhere('opportunity.accountId IN (:...accountIds)', { accountIds: [...accountIds] })
      .andWhere('stage.kind = :open', { open: StageKind.OPEN })
      .groupBy('opportunity.accountId')
      .addGroupBy('opportunity.currency')
      .orderBy('opportunity.currency')
      .getRawMany<Row>();
    return groupByKeys(accountIds, rows, (row) => row.accountId).map((group) =>
      group.map(({ amount, currency }) => ({ amount, currency })),
    );
  });
}
