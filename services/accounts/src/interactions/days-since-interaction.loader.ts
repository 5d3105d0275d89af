import { byKeys } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AccountInteraction, daysSinceSql, lastInteractionSql } from './account-interaction.entity';

/**
 * `daysSinceLastInteraction` of many accounts in one query over the replicated interactions: whole
 * days since the last one, computed by PostgreSQL; null for accounts never contacted.
 */
export function daysSinceInteractionLoader(db: DataSource): DataLoader<string, number | null> {
  return new DataLoader(async (accountIds) => {
    const last = lastInteractionSql('interaction');
    const rows = await db
      .getRepository(AccountInteraction)
      .createQueryBuilder('interaction')
      .select('interaction.accountId', 'accountId')
      .addSelect(daysSinceSql(last), 'days')
      .where('interaction.accountId IN (:...accountIds)', { accountIds: [...accountIds] })
      .andWhere(`${last} IS NOT NULL`)
      .getRawMany<{ accountId: string; days: number }>();
    return byKeys(accountIds, rows, (row) => row.accountId).map((row) => row?.days ?? null);
  });
}
