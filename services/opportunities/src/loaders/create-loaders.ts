import { byIdLoader, LoaderRegistry } from '@crm/kernel';
import type { DataSource } from 'typeorm';
import { Opportunity } from '../entities/opportunity.entity';
import { Pipeline } from '../entities/pipeline.entity';
import { Stage } from '../entities/stage.entity';
import { openPipelineValueLoader } from './open-pipeline-value.loader';
import { stageHistoryLoader } from './stage-history.loader';
import { stagesByPipelineLoader } from './stages-by-pipeline.loader';

/** Fresh loaders for one request: caches must never outlive it or cross users. */
export function createLoaders(db: DataSource) {
  return {
    opportunityById: byIdLoader(db, Opportunity),
    pipelineById: byIdLoader(db, Pipeline),
    stageById: byIdLoader(db, Stage),
    stagesByPipelineId: stagesByPipelineLoader(db),
    stageHistoryByOpportunityId: stageHistoryLoader(db),
    openPipelineValueByAccountId: openPipelineValueLoader(db),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
