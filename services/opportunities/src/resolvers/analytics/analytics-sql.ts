/**
 * CTEs over a CTE `deals(<key>, currency, amount, weighted)`: `sums_by_<key>` with one row per key
 * (count, and amount and weighted amount as JSON lists of Money, one per currency, by currency code),
 * plus one row with a NULL key for all deals together. Currencies are never added together.
 * `weighted` is each deal's amount × probability ÷ 100 rounded to cents, like `Opportunity.weightedAmount`.
 */
export function moneySumsCtes(key: string): string {
  return `per_currency AS (
    SELECT ${key}, currency, count(*) AS deals, sum(amount) AS amount, sum(weighted) AS weighted
      FROM deals
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

/** The weighted amount of deal `deal` in stage `stage`, in SQL, rounded like `weighAmount`. */
export function weightedAmountSql(deal: string, stage: string): string {
  return `round(${deal}.amount * ${stage}.probability / 100.0, 2)`;
}
