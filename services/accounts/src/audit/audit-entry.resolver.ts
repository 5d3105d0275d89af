import { AuditEntry } from '@crm/kernel/subgraph';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { User } from '../people/user.entity';

/** Who made an audited change: one of the users this service owns, batched through the request's loader. */
@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The user who made the change; null when no such user exists (any more)' })
  changedBy(@Root() entry: AuditEntry, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(entry.changedById);
  }
}
