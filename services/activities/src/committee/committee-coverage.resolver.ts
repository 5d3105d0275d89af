import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Opportunity } from '../stubs/opportunity.stub';
import { CommitteeCoverageArgs } from './committee-coverage.args';
import { committeeCoverage } from './committee-coverage.queries';
import { CommitteeCoverage } from './committee-coverage.type';

/**
 * `Opportunity.committeeCoverage`, computed here from the committee the opportunities subgraph
 * owns: `@requires` makes the gateway fetch each deal's `buyingCommittee { contact { id } role }`
 * there and send it along in the representation, so the coverage of every deal of a request costs
 * one SQL query, whatever the number of deals.
 */
@Resolver(() => Opportunity)
export class CommitteeCoverageResolver {
  @FieldResolver(() => CommitteeCoverage, {
    description:
      'Which buying-committee members were engaged by an activity (you may read) within the last `days` days and which were not, and the required roles ' +
      'nobody on the committee holds (e.g. no DECISION_MAKER identified yet)',
  })
  @Directive('@requires(fields: "buyingCommittee { contact { id } role }")')
  committeeCoverage(@Root() opportunity: Opportunity, @Args() { days }: CommitteeCoverageArgs, @Ctx() ctx: Context): Promise<CommitteeCoverage> {
    return committeeCoverage(ctx, opportunity, days);
  }
}
