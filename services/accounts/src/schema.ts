import { buildFederatedSchema } from '@crm/kernel/subgraph';
import type { GraphQLSchema } from 'graphql';
import { accountReference } from './resolvers/account.reference';
import { AccountResolver } from './resolvers/account.resolver';
import { adoptionRowReference } from './resolvers/adoption-row.reference';
import { AdoptionRowResolver, CrmAdoptionResolver } from './resolvers/analytics/crm-adoption.resolver';
import { AuditEntryResolver } from './resolvers/audit-entry.resolver';
import { contactReference } from './resolvers/contact.reference';
import { ContactResolver } from './resolvers/contact.resolver';
import { AccountInteractionResolver, StaleAccountResolver } from './resolvers/stale-account.resolver';
import { SegmentResolver } from './resolvers/segment.resolver';
import { StaleThresholdResolver } from './resolvers/stale-threshold.resolver';
import { teamReference } from './resolvers/team.reference';
import { TeamResolver } from './resolvers/team.resolver';
import { userReference } from './resolvers/user.reference';
import { UserResolver } from './resolvers/user.resolver';

export function buildAccountsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [AccountResolver, ContactResolver, UserResolver, TeamResolver, AuditEntryResolver,
      // Keeping the relationship alive: stale customers, from interactions replicated from the activities subgraph.
      StaleAccountResolver, AccountInteractionResolver, StaleThresholdResolver,
      // CRM adoption: the sales people and the accounts and contacts they created and changed (README, "CRM adoption").
      CrmAdoptionResolver, AdoptionRowResolver,
      // B2C segments: saved rule sets over accounts, evaluated in SQL (README, "Segments").
      SegmentResolver],
    referenceResolvers: {
      Account: accountReference,
      Contact: contactReference,
      User: userReference,
      Team: teamReference,
      AdoptionRow: adoptionRowReference,
    },
  });
}
