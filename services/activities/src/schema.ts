import { buildFederatedSchema } from '@crm/kernel/subgraph';
import type { GraphQLSchema } from 'graphql';
// The import order below is the order type-graphql meets the decorators in, and so the order of the
// fields in the emitted SDL (schema.graphql, which composition reads): keep it when adding imports.
import { accountReference } from './activities/account.reference';
import { TrainingStatusResolver } from './training/training-status.resolver';
import { AccountFeedbackSummaryResolver, FeedbackSummaryResolver } from './analytics/feedback-summary.resolver';
import { AccountResolver } from './activities/account.resolver';
import { activityReference } from './activities/activity.reference';
import { adoptionRowReference } from './analytics/adoption-row.reference';
import { AdoptionRowResolver } from './analytics/adoption-row.resolver';
import { ActivityResolver } from './activities/activity.resolver';
import { AuditEntryResolver } from './audit/audit-entry.resolver';
import { CommitteeCoverageResolver } from './committee/committee-coverage.resolver';
import { contactReference } from './activities/contact.reference';
import { ContactResolver } from './activities/contact.resolver';
import { DueRemindersResolver } from './activities/due-reminders.resolver';
import { InteractionLoggedResolver } from './activities/interaction-logged.resolver';
import { opportunityReference } from './activities/opportunity.reference';
import { OpportunityResolver } from './activities/opportunity.resolver';
import { TrainingPlanResolver } from './training/training-plan.resolver';
import { AdoptionRow } from './stubs/adoption-row.stub';

export function buildActivitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ActivityResolver, AccountResolver, ContactResolver, OpportunityResolver, AuditEntryResolver, CommitteeCoverageResolver,
      // After the sale: onboarding plans, reminders, training status, feedback, and the interaction events staleAccounts is built from.
      TrainingPlanResolver, DueRemindersResolver, TrainingStatusResolver, AccountFeedbackSummaryResolver, FeedbackSummaryResolver, InteractionLoggedResolver,
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
