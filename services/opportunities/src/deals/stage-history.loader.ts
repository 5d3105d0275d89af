import { groupByKeys } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { StageChange } from './stage-change.entity';

/** The stage history of many opportunities in one query, each oldest first (ties broken by id). */
export function stageHistoryLoader(db: DataSource): DataLoader<string, StageChange[]> {
  return new DataLoader(async (opportunityIds) => {
    const rows = await db
      .getRepository(StageChange)
      .find({ where: { opportunityId: In([...opportunityIds]) }, order: { changedAt: 'ASC', id: 'ASC' } });
    return groupByKeys(opportunityIds, rows, (change) => change.opportunityId);
  });
}
