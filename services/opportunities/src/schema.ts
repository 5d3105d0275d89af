import { buildFederatedSchema } from '@crm/kernel/subgraph';
import type { GraphQLSchema } from 'graphql';
import { accountReference } from './resolvers/account.reference';
import { AccountResolver } from './resolvers/account.resolver';
import { adoptionRowReference } from './resolvers/adoption-row.reference';
import { AdoptionRowResolver } from './resolvers/analytics/adoption-row.resolver';
import { ForecastResolver } from './resolvers/analytics/forecast.resolver';
import { PipelineSummaryResolver } from './resolvers/analytics/pipeline-summary.resolver';
import { SalesCycleStatsResolver } from './resolvers/analytics/sales-cycle-stats.resolver';
import { AuditEntryResolver } from './resolvers/audit-entry.resolver';
import { BuyingCommitteeResolver } from './resolvers/buying-committee.resolver';
import { CommitteeMemberResolver } from './resolvers/committee-member.resolver';
import { DealStageChangeResolver } from './resolvers/deal-stage-change.resolver';
import { ExchangeRateResolver } from './resolvers/exchange-rate.resolver';
import { LostReasonResolver } from './resolvers/lost-reason.resolver';
import { OpenPipelineChangedResolver } from './resolvers/open-pipeline-changed.resolver';
import { OpportunitySalesCycleResolver } from './resolvers/opportunity-sales-cycle.resolver';
import { opportunityReference } from './resolvers/opportunity.reference';
import { OpportunityResolver } from './resolvers/opportunity.resolver';
import { PipelineResolver } from './resolvers/pipeline.resolver';
import { StageChangeResolver } from './resolvers/stage-change.resolver';
import { StageDurationResolver } from './resolvers/stage-duration.resolver';
import { StageResolver } from './resolvers/stage.resolver';
import { AdoptionRow } from './stubs/adoption-row.stub';

export function buildOpportunitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OpportunityResolver, PipelineResolver, StageResolver, StageChangeResolver, AccountResolver, DealStageChangeResolver, AuditEntryResolver,
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
