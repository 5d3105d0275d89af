import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { PipelineSummaryArgs } from './pipeline-summary.args';
import { pipelineSummary } from './pipeline-summary.queries';
import { PipelineSummary } from './pipeline-summary.type';

@Resolver(() => PipelineSummary)
export class PipelineSummaryResolver {
  @Query(() => PipelineSummary, {
    description:
      'Deals of a pipeline per stage: count, amount and weighted amount per currency, for the deals the caller may read ' +
      '(a REP: their own and their team\'s), optionally of one owner or team, optionally converted into one currency. One SQL query',
  })
  pipelineSummary(@Args() args: PipelineSummaryArgs, @Ctx() ctx: Context): Promise<PipelineSummary> {
    return pipelineSummary(ctx, args);
  }
}
