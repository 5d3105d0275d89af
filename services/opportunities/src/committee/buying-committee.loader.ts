import { groupByKeys } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { CommitteeMember } from './committee-member.entity';

/**
 * The buying committees of many deals in one query, each with the primary member first, then in the
 * order people were added. Callers only reach it through deals they may read.
 */
export function buyingCommitteeLoader(db: DataSource): DataLoader<string, CommitteeMember[]> {
  return new DataLoader(async (opportunityIds) => {
    const rows = await db.getRepository(CommitteeMember).find({
      where: { opportunityId: In([...opportunityIds]) },
      order: { isPrimary: 'DESC', createdAt: 'ASC', id: 'ASC' },
    });
    return groupByKeys(opportunityIds, rows, (member) => member.opportunityId);
  });
}
