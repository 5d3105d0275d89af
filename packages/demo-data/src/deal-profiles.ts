import type { Account, Tier } from './book';
import type { MoneyRange } from './money';

export type DealProfileKey = Tier | 'CONSUMER';

export interface DealProfile {
  /** Deal size range in whole currency units. */
  amount: MoneyRange;
  /** Typical sales cycle, in days. */
  cycleDays: readonly [number, number];
}

export const DEAL_PROFILES: Readonly<Record<DealProfileKey, DealProfile>> = {
  STRATEGIC: { amount: { min: 100_000, max: 2_000_000 }, cycleDays: [60, 240] },
  KEY: { amount: { min: 20_000, max: 300_000 }, cycleDays: [40, 150] },
  STANDARD: { amount: { min: 2_000, max: 60_000 }, cycleDays: [14, 90] },
  CONSUMER: { amount: { min: 100, max: 5_000 }, cycleDays: [1, 21] },
};

export function dealProfileKey(account: Pick<Account, 'market' | 'tier'>): DealProfileKey {
  return account.market === 'CONSUMER' ? 'CONSUMER' : account.tier;
}
