import { BadUserInputError, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import { queryRows } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import type { ExchangeRatePairArgs } from './exchange-rate-pair.args';
import type { ExchangeRate } from './exchange-rate.entity';
import { EXCHANGE_RATE_COLUMNS } from './exchange-rate.queries';
import type { SetExchangeRateInput } from './set-exchange-rate.input';

/** Rates steer every converted figure an analyst sees, so only ADMINs set them. */
const RATE_SETTERS = [UserRole.ADMIN];

/** `setExchangeRate` (ADMIN): adds the rate of one ordered pair or replaces the one before, stamped with who and when. */
export async function setExchangeRate(ctx: Context, input: SetExchangeRateInput): Promise<ExchangeRate> {
  requireRole(ctx.principal, RATE_SETTERS, 'set exchange rates');
  // Codes are stored in capitals, as in every money input.
  const [fromCurrency, toCurrency] = [input.fromCurrency.toUpperCase(), input.toCurrency.toUpperCase()];
  if (toCurrency === fromCurrency) throw BadUserInputError.field('input.toCurrency', `must differ from input.fromCurrency (${fromCurrency})`);
  if (!/[1-9]/.test(input.rate)) throw BadUserInputError.field('input.rate', `must be greater than 0, got "${input.rate}"`);
  const [rate] = await queryRows<ExchangeRate>(
    ctx.db,
    `INSERT INTO opportunities.exchange_rates (from_currency, to_currency, rate, updated_at, updated_by_id)
     VALUES (:fromCurrency, :toCurrency, :rate, now(), :updatedById)
     ON CONFLICT (to_currency, from_currency) DO UPDATE SET rate = EXCLUDED.rate, updated_at = now(), updated_by_id = EXCLUDED.updated_by_id
     RETURNING ${EXCHANGE_RATE_COLUMNS}`,
    { fromCurrency, toCurrency, rate: input.rate, updatedById: ctx.principal.userId },
  );
  return rate!;
}

/** `removeExchangeRate` (ADMIN): removes the rate of one ordered pair and returns it. */
export async function removeExchangeRate(ctx: Context, pair: ExchangeRatePairArgs): Promise<ExchangeRate> {
  requireRole(ctx.principal, RATE_SETTERS, 'remove exchange rates');
  const [fromCurrency, toCurrency] = [pair.fromCurrency.toUpperCase(), pair.toCurrency.toUpperCase()];
  const [rate] = await queryRows<ExchangeRate>(
    ctx.db,
    // Through a CTE: TypeORM answers a bare DELETE … RETURNING with [rows, count] instead of the rows.
    `WITH removed AS (DELETE FROM opportunities.exchange_rates WHERE from_currency = :fromCurrency AND to_currency = :toCurrency RETURNING *)
     SELECT ${EXCHANGE_RATE_COLUMNS} FROM removed`,
    { fromCurrency, toCurrency },
  );
  if (!rate) throw new NotFoundError('ExchangeRate', `${fromCurrency} → ${toCurrency}`);
  return rate;
}
