import { byIdLoader, LoaderRegistry, readableByIdLoader, type Principal } from '@crm/kernel';
import type { DataSource } from 'typeorm';
import { OPPORTUNITY_RECORD } from '../entities/opportunity.record';
import { Pipeline } from '../entities/pipeline.entity';
import { Stage } from '../entities/stage.entity';
import { openPipelineValueLoader } from './open-pipeline-value.loader';
import { stageHistoryLoader } from './stage-history.loader';
import { stagesByPipelineLoader } from './stages-by-pipeline.loader';

/** Fresh loaders for one request: caches must never outlive it or cross users. Deals load only when `principal` may read them. */
export function createLoaders(db: DataSource, principal: Principal) {
  return {
    opportunityById: readableByIdLoader(db, OPPORTUNITY_RECORD, principal),
    pipelineById: byIdLoader(db, Pipeline),
    stageById: byIdLoader(db, Stage),
    stagesByPipelineId: stagesByPipelineLoader(db),
    stageHistoryByOpportunityId: stageHistoryLoader(db),
    openPipelineValueByAccountId: openPipelineValueLoader(db, principal),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
