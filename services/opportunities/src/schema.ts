import { buildFederatedSchema } from '@crm/kernel/subgraph';
import type { GraphQLSchema } from 'graphql';
import { accountReference } from './deals/account.reference';
import { AccountResolver } from './deals/account.resolver';
import { adoptionRowReference } from './analytics/adoption-row.reference';
import { AdoptionRowResolver } from './analytics/adoption-row.resolver';
import { ForecastResolver } from './analytics/forecast.resolver';
import { PipelineSummaryResolver } from './analytics/pipeline-summary.resolver';
import { SalesCycleStatsResolver } from './analytics/sales-cycle-stats.resolver';
import { AuditEntryResolver } from './audit/audit-entry.resolver';
import { BuyingCommitteeResolver } from './committee/buying-committee.resolver';
import { CommitteeMemberResolver } from './committee/committee-member.resolver';
import { DealStageChangedResolver } from './deals/deal-stage-changed.resolver';
import { ExchangeRateResolver } from './exchange-rates/exchange-rate.resolver';
// The lost-reason inputs enclose the pipeline types in the SDL (they were once imported in that order).
import './pipelines/create-lost-reason.input';
import { PipelineResolver } from './pipelines/pipeline.resolver';
import { LostReasonResolver } from './pipelines/lost-reason.resolver';
import { OpenPipelineChangedResolver } from './deals/open-pipeline-changed.resolver';
import { OpportunitySalesCycleResolver } from './deals/opportunity-sales-cycle.resolver';
import { opportunityReference } from './deals/opportunity.reference';
import { OpportunityResolver } from './deals/opportunity.resolver';
import { StageChangeResolver } from './deals/stage-change.resolver';
import { StageDurationResolver } from './deals/stage-duration.resolver';
import { StageResolver } from './pipelines/stage.resolver';
import { AdoptionRow } from './stubs/adoption-row.stub';

// The imports stay in this order, and so do `resolvers`: type-graphql registers types as their modules
// load, and the emitted SDL lists types and fields in that order (schema.graphql must not change).
export function buildOpportunitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OpportunityResolver, PipelineResolver, StageResolver, StageChangeResolver, AccountResolver, DealStageChangedResolver, AuditEntryResolver,
      LostReasonResolver, OpportunitySalesCycleResolver, StageDurationResolver, PipelineSummaryResolver, ForecastResolver, SalesCycleStatsResolver, ExchangeRateResolver, BuyingCommitteeResolver, CommitteeMemberResolver,
      // CRM adoption: the deals each sales person created, changed and moved (README, "CRM adoption").
      AdoptionRowResolver,
      // Open pipeline per account, streamed to the accounts subgraph for segments (docs/events.md).
      OpenPipelineChangedResolver],
    // Reachable only through `_entities` here (accounts owns `crmAdoption`), so listed explicitly.
    orphanedTypes: [AdoptionRow],
    referenceResolvers: {
      Opportunity: opportunityReference,
      Account: accountReference,
      AdoptionRow: adoptionRowReference,
    },
  });
}
