import type { EventSource, ServiceContext } from '@crm/kernel/subgraph';
import type { DealStageScope } from './deals/deal-stage-changed.log';
import type { DealStageEvent } from './deals/deal-stage-changed.event';
import type { OpenPipelineScope } from './deals/open-pipeline-changed.log';
import type { OpenPipelineEventRow } from './deals/open-pipeline-changed.event';
import type { Loaders } from './loaders';

/** The event sources of this service, as `ctx.events`. */
export type OpportunityEvents = {
  dealStageChanges: EventSource<DealStageEvent, DealStageScope>;
  /** `openPipelineChanged`: each account's open pipeline after every write that changes it (deals/open-pipeline-changed.log.ts). */
  openPipelineChanges: EventSource<OpenPipelineEventRow, OpenPipelineScope>;
};

export type Context = ServiceContext<Loaders, OpportunityEvents>;
