import { groupByKeys } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Stage } from './stage.entity';

/** The stages of many pipelines in one query, each pipeline's in position order (a few per pipeline). */
export function stagesByPipelineLoader(db: DataSource): DataLoader<string, Stage[]> {
  return new DataLoader(async (pipelineIds) => {
    const rows = await db.getRepository(Stage).find({ where: { pipelineId: In([...pipelineIds]) }, order: { position: 'ASC' } });
    return groupByKeys(pipelineIds, rows, (stage) => stage.pipelineId);
  });
}
