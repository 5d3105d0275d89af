import { type Principal } from '@crm/kernel';
import { byIdLoader, LoaderRegistry, readableByIdLoader, type OnBehalfOf } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { buyingCommitteeLoader } from './committee/buying-committee.loader';
import { contactPlacementLoader } from './committee/contact-placement.loader';
import type { Siblings } from './committee/siblings';
import { openPipelineValueLoader } from './deals/open-pipeline-value.loader';
import { OPPORTUNITY_RECORD } from './deals/opportunity.record';
import { stageHistoryLoader } from './deals/stage-history.loader';
import { timeInStagesLoader } from './deals/time-in-stages.loader';
import { LostReason } from './pipelines/lost-reason.entity';
import { Pipeline } from './pipelines/pipeline.entity';
import { Stage } from './pipelines/stage.entity';
import { stagesByPipelineLoader } from './pipelines/stages-by-pipeline.loader';

/**
 * Fresh loaders for one request: caches must never outlive it or cross users. Deals load only when
 * `principal` may read them; sibling subgraphs are asked as `caller`.
 */
export function createLoaders(db: DataSource, principal: Principal, caller: OnBehalfOf, siblings: Siblings) {
  return {
    // deals/
    opportunityById: readableByIdLoader(db, OPPORTUNITY_RECORD, principal),
    stageHistoryByOpportunityId: stageHistoryLoader(db),
    timeInStagesByOpportunityId: timeInStagesLoader(db),
    openPipelineValueByAccountId: openPipelineValueLoader(db, principal),
    // pipelines/
    pipelineById: byIdLoader(db, Pipeline),
    stageById: byIdLoader(db, Stage),
    stagesByPipelineId: stagesByPipelineLoader(db),
    lostReasonById: byIdLoader(db, LostReason),
    // committee/
    buyingCommitteeByOpportunityId: buyingCommitteeLoader(db),
    contactPlacement: contactPlacementLoader(siblings.accounts, caller),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
