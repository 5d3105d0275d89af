import { AuditEntry } from '@crm/kernel/subgraph';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { User } from '../stubs/user.stub';

/** Who made an audited change: a user of the accounts service, resolved there. */
@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The user who made the change; null when no such user exists (any more)' })
  changedBy(@Root() entry: AuditEntry): User {
    return { id: entry.changedById };
  }
}
