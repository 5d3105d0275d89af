import type { EventLogSource, ServiceContext } from '@crm/kernel/subgraph';
import type { dealStageChangedLog } from './deals/deal-stage-changed.log';
import type { openPipelineChangedLog } from './deals/open-pipeline-changed.log';
import type { Loaders } from './loaders';

/** The event sources of this service, as `ctx.events`, each under its log's name. */
export type OpportunityEvents = {
  dealStageChanged: EventLogSource<typeof dealStageChangedLog>;
  /** `openPipelineChanged`: each account's open pipeline after every write that changes it (deals/open-pipeline-changed.log.ts). */
  openPipelineChanged: EventLogSource<typeof openPipelineChangedLog>;
};

export type Context = ServiceContext<Loaders, OpportunityEvents>;
