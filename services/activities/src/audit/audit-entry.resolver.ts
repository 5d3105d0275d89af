import { AuditEntry } from '@crm/kernel/subgraph';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { User } from '../stubs/user.stub';

/** The field this service adds to the kernel's `AuditEntry`: who made the change. */
@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  // Users live in the accounts subgraph: `{ id }` costs no query here, the gateway fetches the rest.
  @FieldResolver(() => User, { nullable: true, description: 'The user who made the change; null when no such user exists (any more)' })
  changedBy(@Root() entry: AuditEntry): User {
    return { id: entry.changedById };
  }
}
