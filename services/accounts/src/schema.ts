import { buildFederatedSchema } from '@crm/kernel/subgraph';
import type { GraphQLSchema } from 'graphql';
// The import order below is the order type-graphql meets the decorators in, and so the order of the
// types and fields in the emitted SDL (schema.graphql, which composition reads): keep it when adding imports.
import { accountReference } from './accounts/account.reference';
import { AccountResolver } from './accounts/account.resolver';
import { adoptionRowReference } from './analytics/adoption-row.reference';
import { CrmAdoptionResolver } from './analytics/crm-adoption.resolver';
import { AdoptionRowResolver } from './analytics/adoption-row.resolver';
import { AuditEntryResolver } from './audit/audit-entry.resolver';
import { contactReference } from './contacts/contact.reference';
import { ContactResolver } from './contacts/contact.resolver';
import { StaleAccountResolver } from './interactions/stale-account.resolver';
import { AccountInteractionResolver } from './interactions/account-interaction.resolver';
import { SegmentResolver } from './segments/segment.resolver';
import { StaleThresholdResolver } from './interactions/stale-threshold.resolver';
import { teamReference } from './people/team.reference';
import { TeamResolver } from './people/team.resolver';
import { userReference } from './people/user.reference';
import { UserResolver } from './people/user.resolver';

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
