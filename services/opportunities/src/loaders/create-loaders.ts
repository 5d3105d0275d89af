import { type Principal } from '@crm/kernel';
import { byIdLoader, LoaderRegistry, readableByIdLoader, type OnBehalfOf } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { LostReason } from '../entities/lost-reason.entity';
import { OPPORTUNITY_RECORD } from '../entities/opportunity.record';
import { Pipeline } from '../entities/pipeline.entity';
import { Stage } from '../entities/stage.entity';
import type { Siblings } from '../siblings';
import { buyingCommitteeLoader } from './buying-committee.loader';
import { contactPlacementLoader } from './contact-placement.loader';
import { openPipelineValueLoader } from './open-pipeline-value.loader';
import { stageHistoryLoader } from './stage-history.loader';
import { stagesByPipelineLoader } from './stages-by-pipeline.loader';
import { timeInStagesLoader } from './time-in-stages.loader';

/**
 * Fresh loaders for one request: caches must never outlive it or cross users. Deals load only when
 * `principal` may read them; sibling subgraphs are asked as `caller`.
 */
export function createLoaders(db: DataSource, principal: Principal, caller: OnBehalfOf, siblings: Siblings) {
  return {
    opportunityById: readableByIdLoader(db, OPPORTUNITY_RECORD, principal),
    pipelineById: byIdLoader(db, Pipeline),
    stageById: byIdLoader(db, Stage),
    stagesByPipelineId: stagesByPipelineLoader(db),
    stageHistoryByOpportunityId: stageHistoryLoader(db),
    timeInStagesByOpportunityId: timeInStagesLoader(db),
    lostReasonById: byIdLoader(db, LostReason),
    openPipelineValueByAccountId: openPipelineValueLoader(db, principal),
    buyingCommitteeByOpportunityId: buyingCommitteeLoader(db),
    contactPlacement: contactPlacementLoader(siblings.accounts, caller),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
