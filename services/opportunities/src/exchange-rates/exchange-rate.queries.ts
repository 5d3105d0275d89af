import { queryRows } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import type { ExchangeRate } from './exchange-rate.entity';

/** The columns of `ExchangeRate`, the rate without trailing zeros ("0.92", not "0.9200000000"). */
export const EXCHANGE_RATE_COLUMNS = `from_currency AS "fromCurrency", to_currency AS "toCurrency", trim_scale(rate)::text AS rate,
  updated_at AS "updatedAt", updated_by_id AS "updatedById"`;

/** The conversion table, by target then source currency, optionally only the rates into `toCurrency` (`Query.exchangeRates`). */
export function listExchangeRates(ctx: Context, toCurrency: string | null | undefined): Promise<ExchangeRate[]> {
  return queryRows<ExchangeRate>(
    ctx.db,
    `SELECT ${EXCHANGE_RATE_COLUMNS} FROM opportunities.exchange_rates
      WHERE CAST(:toCurrency AS text) IS NULL OR to_currency = :toCurrency
      ORDER BY to_currency, from_currency`,
    { toCurrency: toCurrency?.toUpperCase() ?? null },
  );
}
