import { BadUserInputError, requireRole, UserRole } from '@crm/kernel';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { StaleThreshold } from './stale-threshold.entity';
import { Tier } from '../accounts/tier.enum';

@Resolver(() => StaleThreshold)
export class StaleThresholdResolver {
  @Query(() => [StaleThreshold], { description: 'After how many days without an interaction a customer of each tier is stale (`staleAccounts`), STRATEGIC first' })
  staleThresholds(@Ctx() ctx: Context): Promise<StaleThreshold[]> {
    // The tier enum's order in PostgreSQL is STRATEGIC, KEY, STANDARD.
    return ctx.db.getRepository(StaleThreshold).find({ order: { tier: 'ASC' } });
  }

  @Mutation(() => StaleThreshold, { description: "Sets after how many days without an interaction a customer of a tier is stale; ADMIN only" })
  async setStaleThreshold(
    // The SDL lists arguments in reverse order of the parameters: tier first.
    @Arg('days', () => Int, { description: 'Whole days, 1 to 3650' }) days: number,
    @Arg('tier', () => Tier, { description: 'The tier' }) tier: Tier,
    @Ctx() ctx: Context,
  ): Promise<StaleThreshold> {
    requireRole(ctx.principal, [UserRole.ADMIN], 'set stale-account thresholds');
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw BadUserInputError.field('days', `must be 1 to 3650 whole days, got ${days}`);
    await ctx.db.getRepository(StaleThreshold).update({ tier }, { days, updatedById: ctx.principal.userId });
    return ctx.db.getRepository(StaleThreshold).findOneByOrFail({ tier });
  }
}
