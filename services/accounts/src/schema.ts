import { buildFederatedSchema } from '@crm/kernel';
import type { GraphQLSchema } from 'graphql';
import { accountReference } from './resolvers/account.reference';
import { AccountResolver } from './resolvers/account.resolver';
import { AuditEntryResolver } from './resolvers/audit-entry.resolver';
import { contactReference } from './resolvers/contact.reference';
import { ContactResolver } from './resolvers/contact.resolver';
import { teamReference } from './resolvers/team.reference';
import { TeamResolver } from './resolvers/team.resolver';
import { userReference } from './resolvers/user.reference';
import { UserResolver } from './resolvers/user.resolver';

export function buildAccountsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [AccountResolver, ContactResolver, UserResolver, TeamResolver, AuditEntryResolver],
    referenceResolvers: {
      Account: accountReference,
      Contact: contactReference,
      User: userReference,
      Team: teamReference,
    },
  });
}
