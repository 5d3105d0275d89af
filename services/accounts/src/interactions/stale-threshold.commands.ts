import { BadUserInputError, requireRole, UserRole } from '@crm/kernel';
import type { Context } from '../context';
import type { Tier } from '../accounts/tier.enum';
import { StaleThreshold } from './stale-threshold.entity';

/** `setStaleThreshold` (ADMIN only): 1 to 3650 whole days. */
export async function setStaleThreshold(ctx: Context, tier: Tier, days: number): Promise<StaleThreshold> {
  requireRole(ctx.principal, [UserRole.ADMIN], 'set stale-account thresholds');
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw BadUserInputError.field('days', `must be 1 to 3650 whole days, got ${days}`);
  await ctx.db.getRepository(StaleThreshold).update({ tier }, { days, updatedById: ctx.principal.userId });
  return ctx.db.getRepository(StaleThreshold).findOneByOrFail({ tier });
}
