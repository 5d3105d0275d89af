import { buildFederatedSchema } from '@crm/kernel/subgraph';
import type { GraphQLSchema } from 'graphql';
import { accountReference } from './resolvers/account.reference';
import { AccountAfterSaleResolver, FeedbackSummaryResolver } from './resolvers/account-after-sale.resolver';
import { AccountResolver } from './resolvers/account.resolver';
import { activityReference } from './resolvers/activity.reference';
import { adoptionRowReference } from './resolvers/adoption-row.reference';
import { AdoptionRowResolver } from './resolvers/analytics/adoption-row.resolver';
import { ActivityResolver } from './resolvers/activity.resolver';
import { AuditEntryResolver } from './resolvers/audit-entry.resolver';
import { CommitteeCoverageResolver } from './resolvers/committee-coverage.resolver';
import { contactReference } from './resolvers/contact.reference';
import { ContactResolver } from './resolvers/contact.resolver';
import { DueRemindersResolver } from './resolvers/due-reminders.resolver';
import { InteractionLoggedResolver } from './resolvers/interaction-logged.resolver';
import { opportunityReference } from './resolvers/opportunity.reference';
import { OpportunityResolver } from './resolvers/opportunity.resolver';
import { TrainingPlanResolver } from './resolvers/training-plan.resolver';
import { AdoptionRow } from './stubs/adoption-row.stub';

export function buildActivitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ActivityResolver, AccountResolver, ContactResolver, OpportunityResolver, AuditEntryResolver, CommitteeCoverageResolver,
      // After the sale: onboarding plans, reminders, training status, feedback, and the interaction events staleAccounts is built from.
      TrainingPlanResolver, DueRemindersResolver, AccountAfterSaleResolver, FeedbackSummaryResolver, InteractionLoggedResolver,
      // CRM adoption: activities logged and the retraining signal, from all three subgraphs' counts (README, "CRM adoption").
      AdoptionRowResolver],
    // Reachable only through `_entities` here (accounts owns `crmAdoption`), so listed explicitly.
    orphanedTypes: [AdoptionRow],
    // `User` and `Team` are non-resolvable stubs (@key resolvable: false), so they need no reference resolver.
    referenceResolvers: {
      Activity: activityReference,
      Account: accountReference,
      Contact: contactReference,
      Opportunity: opportunityReference,
      AdoptionRow: adoptionRowReference,
    },
  });
}
