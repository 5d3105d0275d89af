import { NotFoundError } from '@crm/kernel';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CommitteeMember } from './committee-member.entity';
import { Opportunity } from '../deals/opportunity.entity';
import { Contact } from '../stubs/contact.stub';

/** The links of a committee membership: the person (resolved by the accounts subgraph) and the deal. */
@Resolver(() => CommitteeMember)
export class CommitteeMemberResolver {
  // Nullable like Opportunity.account: a contact deleted in accounts resolves to null there, and a
  // non-null field would then null the whole deal in the gateway's answer.
  @FieldResolver(() => Contact, {
    nullable: true,
    description: 'The person: a contact at the deal\'s account or another account of its group; null when that contact was deleted',
  })
  contact(@Root() member: CommitteeMember): Contact {
    return { id: member.contactId };
  }

  @FieldResolver(() => Opportunity, { description: 'The deal whose buying committee this is' })
  async opportunity(@Root() member: CommitteeMember, @Ctx() ctx: Context): Promise<Opportunity> {
    // Members are only reached through deals the caller may read (or just wrote).
    const deal = await ctx.loaders.opportunityById.load(member.opportunityId);
    if (!deal) throw new NotFoundError('Opportunity', member.opportunityId);
    return deal;
  }
}
