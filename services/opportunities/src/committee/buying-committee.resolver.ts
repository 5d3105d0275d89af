import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Opportunity } from '../deals/opportunity.entity';
import { AddCommitteeMemberInput } from './add-committee-member.input';
import { addCommitteeMember, removeCommitteeMember, updateCommitteeMember } from './buying-committee.commands';
import { CommitteeMember } from './committee-member.entity';
import { UpdateCommitteeMemberInput } from './update-committee-member.input';

/** A deal's buying committee and the three mutations that change it (buying-committee.commands.ts). */
@Resolver(() => Opportunity)
export class BuyingCommitteeResolver {
  @FieldResolver(() => [CommitteeMember], {
    description: 'The people who decide this deal on the customer\'s side, each with a role and stance; the primary member first, then in the order they were added',
  })
  buyingCommittee(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<CommitteeMember[]> {
    return ctx.loaders.buyingCommitteeByOpportunityId.load(opportunity.id);
  }

  @Mutation(() => CommitteeMember, {
    description:
      'Adds a person to a deal\'s buying committee; whoever may change the deal may. The contact must work for the deal\'s account or another account ' +
      'of its group (same top-most parent), checked with the accounts subgraph (SERVICE_UNAVAILABLE, nothing written, when it cannot be asked), ' +
      'and may sit on a committee only once',
  })
  addCommitteeMember(
    @Arg('input', () => AddCommitteeMemberInput, { description: 'The deal, the person and their part' }) input: AddCommitteeMemberInput,
    @Ctx() ctx: Context,
  ): Promise<CommitteeMember> {
    return addCommitteeMember(ctx, input);
  }

  @Mutation(() => CommitteeMember, {
    description:
      'Changes a committee member\'s role, stance, influence or primary flag; whoever may change the deal may. Making a member primary makes the ' +
      'previous primary an ordinary member. Pass `expectedVersion` to refuse overwriting a newer change',
  })
  updateCommitteeMember(
    @Arg('id', () => ID, { description: 'Id of the committee membership' }) id: string,
    @Arg('input', () => UpdateCommitteeMemberInput, { description: 'The changes' }) input: UpdateCommitteeMemberInput,
    @Ctx() ctx: Context,
  ): Promise<CommitteeMember> {
    return updateCommitteeMember(ctx, id, input);
  }

  @Mutation(() => CommitteeMember, {
    description:
      'Takes a person off a deal\'s buying committee; whoever may change the deal may. Returns the membership as it was. ' +
      'Pass `expectedVersion` to refuse removing a newer version',
  })
  removeCommitteeMember(
    @Arg('id', () => ID, { description: 'Id of the committee membership' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The membership version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<CommitteeMember> {
    return removeCommitteeMember(ctx, id, expectedVersion);
  }
}
