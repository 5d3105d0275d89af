import { BadUserInputError } from '@crm/kernel';
import type { ExchangeRate } from '../exchange-rates/exchange-rate.entity';

/**
 * CTEs over a CTE `deals(<key>, currency, amount, weighted)`: `sums_by_<key>` with one row per key
 * (count, and amount and weighted amount as JSON lists of Money, one per currency, by currency code),
 * plus one row with a NULL key for all deals together. Currencies are never added together: with the
 * named parameter `:convertTo` null each currency keeps its own entry; with a currency code every
 * deal's amount and weighted amount is first converted by the rate set for its pair and rounded to
 * cents (so stage or period sums still add up to the total exactly), and a deal whose pair has no rate
 * counts nowhere — `CONVERSION_COLUMNS` names those currencies, and `convertedRates` refuses the answer.
 * `weighted` is each deal's amount × probability ÷ 100 rounded to cents, like `Opportunity.weightedAmount`.
 */
export function moneySumsCtes(key: string): string {
  return `target AS (
    SELECT CAST(:convertTo AS text) AS currency
  ),
  priced AS (
    SELECT deals.*, coalesce(target.currency, deals.currency) AS target_currency,
           CASE WHEN target.currency IS NULL OR deals.currency = target.currency THEN 1 ELSE rate.rate END AS factor
      FROM deals
     CROSS JOIN target
      LEFT JOIN opportunities.exchange_rates rate ON rate.from_currency = deals.currency AND rate.to_currency = target.currency
  ),
  converted AS (
    SELECT ${key}, target_currency AS currency, currency AS deal_currency,
           round(amount * factor, 2) AS amount, round(weighted * factor, 2) AS weighted
      FROM priced
  ),
  per_currency AS (
    SELECT ${key}, currency, count(*) AS deals, sum(amount) AS amount, sum(weighted) AS weighted
      FROM converted
     WHERE amount IS NOT NULL
     GROUP BY GROUPING SETS ((${key}, currency), (currency))
  ),
  sums_by_${key} AS (
    SELECT ${key}, sum(deals)::int AS count,
           json_agg(json_build_object('amount', amount::text, 'currency', currency) ORDER BY currency) AS amount,
           json_agg(json_build_object('amount', weighted::text, 'currency', currency) ORDER BY currency) AS weighted
      FROM per_currency
     GROUP BY ${key}
  )`;
}

/** What `CONVERSION_COLUMNS` adds to each row. */
export interface ConversionColumns {
  /** The rates the conversion used, by source currency; empty without conversion. */
  exchangeRates: (Omit<ExchangeRate, 'updatedAt'> & { updatedAt: string })[];
  /** Currencies of counted deals without a rate into `:convertTo`, by code; empty when none. */
  missingRates: string[];
}

/**
 * Select-list entries (for every row alike; PostgreSQL evaluates each once per query) that report,
 * next to `moneySumsCtes`, which rates converted the figures and which were missing.
 */
export const CONVERSION_COLUMNS = `
  (SELECT coalesce(json_agg(json_build_object('fromCurrency', rate.from_currency, 'toCurrency', rate.to_currency,
            'rate', trim_scale(rate.rate)::text, 'updatedAt', rate.updated_at, 'updatedById', rate.updated_by_id) ORDER BY rate.from_currency), '[]')
     FROM opportunities.exchange_rates rate
    WHERE rate.to_currency = (SELECT currency FROM target)
      AND rate.from_currency IN (SELECT deal_currency FROM converted)) AS "exchangeRates",
  (SELECT coalesce(array_agg(DISTINCT deal_currency::text ORDER BY deal_currency::text), '{}') FROM converted WHERE amount IS NULL) AS "missingRates"`;

/**
 * The rates a converted answer used, or BAD_USER_INPUT naming `convertTo` and every currency that
 * has no rate into it: a sum that silently left deals out, or added currencies unconverted, would be wrong.
 */
export function convertedRates(convertTo: string | null | undefined, { exchangeRates, missingRates }: ConversionColumns): ExchangeRate[] {
  if (missingRates.length > 0) {
    const pairs = missingRates.map((currency) => `${currency} → ${convertTo}`).join(', ');
    throw BadUserInputError.field(
      'convertTo',
      `no exchange rate is set for ${pairs}, and deals counted here are in ${missingRates.join(', ')}; ` +
        'an ADMIN sets one with setExchangeRate, or leave convertTo out for sums per currency',
    );
  }
  return exchangeRates.map((rate) => ({ ...rate, updatedAt: new Date(rate.updatedAt) }));
}

/** The weighted amount of deal `deal` in stage `stage`, in SQL, rounded like `weighAmount`. */
export function weightedAmountSql(deal: string, stage: string): string {
  return `round(${deal}.amount * ${stage}.probability / 100.0, 2)`;
}
