import { AuditEntry } from '@crm/kernel';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { User } from '../stubs/user.stub';

/** Who made an audited change: a user of the accounts service, resolved there. */
@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => User, { description: 'The user who made the change' })
  changedBy(@Root() entry: AuditEntry): User {
    return { id: entry.changedById };
  }
}
