import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { StaleThreshold } from './stale-threshold.entity';
import { Tier } from '../accounts/tier.enum';
import * as commands from './stale-threshold.commands';
import * as queries from './stale-threshold.queries';

@Resolver(() => StaleThreshold)
export class StaleThresholdResolver {
  @Query(() => [StaleThreshold], { description: 'After how many days without an interaction a customer of each tier is stale (`staleAccounts`), STRATEGIC first' })
  staleThresholds(@Ctx() ctx: Context): Promise<StaleThreshold[]> {
    return queries.listStaleThresholds(ctx.db);
  }

  @Mutation(() => StaleThreshold, { description: "Sets after how many days without an interaction a customer of a tier is stale; ADMIN only" })
  setStaleThreshold(
    // The SDL lists arguments in reverse order of the parameters: tier first.
    @Arg('days', () => Int, { description: 'Whole days, 1 to 3650' }) days: number,
    @Arg('tier', () => Tier, { description: 'The tier' }) tier: Tier,
    @Ctx() ctx: Context,
  ): Promise<StaleThreshold> {
    return commands.setStaleThreshold(ctx, tier, days);
  }
}
