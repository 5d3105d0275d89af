import { buildFederatedSchema } from '@crm/kernel';
import type { GraphQLSchema } from 'graphql';
import { accountReference } from './resolvers/account.reference';
import { AccountResolver } from './resolvers/account.resolver';
import { activityReference } from './resolvers/activity.reference';
import { ActivityResolver } from './resolvers/activity.resolver';
import { AuditEntryResolver } from './resolvers/audit-entry.resolver';
import { contactReference } from './resolvers/contact.reference';
import { ContactResolver } from './resolvers/contact.resolver';
import { opportunityReference } from './resolvers/opportunity.reference';
import { OpportunityResolver } from './resolvers/opportunity.resolver';

export function buildActivitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ActivityResolver, AccountResolver, ContactResolver, OpportunityResolver, AuditEntryResolver],
    // `User` and `Team` are non-resolvable stubs (@key resolvable: false), so they need no reference resolver.
    referenceResolvers: {
      Activity: activityReference,
      Account: accountReference,
      Contact: contactReference,
      Opportunity: opportunityReference,
    },
  });
}
