/**
 * `amount × probability / 100`, rounded half up to cents, on integer cents (BigInt): never a float,
 * so it equals PostgreSQL's `round(amount * probability / 100.0, 2)` for any numeric(18,2) amount.
 * `amount` is a non-negative decimal string with at most two fraction digits, as numeric(18,2) reads.
 */
export function weighAmount(amount: string, probability: number): string {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new RangeError(`weighAmount expects a non-negative decimal string with at most 2 fraction digits, got "${amount}"`);
  if (!Number.isInteger(probability) || probability < 0 || probability > 100) {
    throw new RangeError(`weighAmount expects an integer probability 0–100, got ${probability}`);
  }
  const cents = BigInt(match[1] + (match[2] ?? '').padEnd(2, '0'));
  const weighted = (cents * BigInt(probability) + 50n) / 100n;
  const digits = weighted.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
