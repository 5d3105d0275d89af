import { groupByKeys, type Money } from '@crm/kernel';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Opportunity } from '../entities/opportunity.entity';
import { Stage } from '../entities/stage.entity';
import { StageKind } from '../entities/stage-kind.enum';

interface Row {
  accountId: string;
  currency: string;
  amount: string;
}

/**
 * Sum of the amounts of open deals per account and currency, for many accounts in one GROUP BY.
 * Currencies are never added together; PostgreSQL sums numeric exactly and we pass the text on.
 */
export function openPipelineValueLoader(db: DataSource): DataLoader<string, Money[]> {
  return new DataLoader(async (accountIds) => {
    const rows = await db
      .getRepository(Opportunity)
      .createQueryBuilder('opportunity')
      .innerJoin(Stage, 'stage', 'stage.id = opportunity.stageId')
      .select('opportunity.accountId', 'accountId')
      .addSelect('opportunity.currency', 'currency')
      .addSelect('sum(opportunity.amountValue)::text', 'amount')
      .where('opportunity.accountId IN (:...accountIds)', { accountIds: [...accountIds] })
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
