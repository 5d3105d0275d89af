import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { SalesCycleStatsArgs } from './sales-cycle-stats.args';
import { salesCycleStats } from './sales-cycle-stats.queries';
import { SalesCycleStats } from './sales-cycle-stats.type';

@Resolver(() => SalesCycleStats)
export class SalesCycleStatsResolver {
  @Query(() => SalesCycleStats, {
    description:
      'Win rate, days to close, time in each stage and stage-to-stage conversion of the deals closed (won or lost) in [from, to), ' +
      'for the deals the caller may read, optionally of one pipeline. Computed in SQL (three queries)',
  })
  salesCycleStats(@Args() args: SalesCycleStatsArgs, @Ctx() ctx: Context): Promise<SalesCycleStats> {
    return salesCycleStats(ctx, args);
  }
}
