import { buildFederatedSchema } from '@crm/kernel';
import type { GraphQLSchema } from 'graphql';
import { accountReference } from './resolvers/account.reference';
import { AccountResolver } from './resolvers/account.resolver';
import { AuditEntryResolver } from './resolvers/audit-entry.resolver';
import { DealStageChangeResolver } from './resolvers/deal-stage-change.resolver';
import { opportunityReference } from './resolvers/opportunity.reference';
import { OpportunityResolver } from './resolvers/opportunity.resolver';
import { PipelineResolver } from './resolvers/pipeline.resolver';
import { StageChangeResolver } from './resolvers/stage-change.resolver';
import { StageResolver } from './resolvers/stage.resolver';

export function buildOpportunitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OpportunityResolver, PipelineResolver, StageResolver, StageChangeResolver, AccountResolver, DealStageChangeResolver, AuditEntryResolver],
    referenceResolvers: {
      Opportunity: opportunityReference,
      Account: accountReference,
    },
  });
}
