import type { Random } from './random';

/** Formats whole currency units (+ optional cents) as a decimal string, never via floats. */
export function formatMoney(units: number, cents = 0): string {
  if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`invalid money units: ${units}`);
  if (!Number.isInteger(cents) || cents < 0 || cents > 99) throw new RangeError(`invalid cents: ${cents}`);
  return `${units}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Rounds a deal amount to a "salesy" granularity. */
export function niceAmount(value: number): number {
  const step = value >= 100_000 ? 1_000 : value >= 10_000 ? 100 : value >= 1_000 ? 10 : 1;
  return Math.round(value / step) * step;
}

/** Rounds to `digits` significant digits (e.g. reported revenue). */
export function roundSignificant(value: number, digits: number): number {
  const magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(value)) - digits + 1));
  return Math.round(value / magnitude) * magnitude;
}

export interface MoneyRange {
  min: number;
  max: number;
}

export function clampAmount(value: number, range: MoneyRange): number {
  return Math.min(range.max, Math.max(range.min, niceAmount(value)));
}

/** A log-uniform, nicely rounded integer amount within the range. */
export function amountInRange(rng: Random, range: MoneyRange): number {
  return clampAmount(rng.logUniform(range.min, range.max), range);
}
