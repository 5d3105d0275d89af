import { BadUserInputError } from '@crm/kernel';
import { type Money, queryRows } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { CONVERSION_COLUMNS, type ConversionColumns, convertedRates, moneySumsCtes, weightedAmountSql } from './analytics-sql';
import { dealScope } from './deal-scope';
import { type ForecastArgs, MAX_FORECAST_YEARS } from './forecast.args';
import { ForecastPeriod } from './forecast-period.enum';
import type { Forecast, ForecastPeriodSummary } from './forecast.type';

/** date_trunc unit, generate_series step and to_char label of each period length. */
const PERIODS: Record<ForecastPeriod, { unit: string; step: string; label: string }> = {
  [ForecastPeriod.MONTH]: { unit: 'month', step: '1 month', label: 'YYYY-MM' },
  [ForecastPeriod.QUARTER]: { unit: 'quarter', step: '3 months', label: 'YYYY-"Q"Q' },
};

type Row = Omit<ForecastPeriodSummary, 'start' | 'end' | 'label'> & ConversionColumns & { start: string | null; end: string | null; label: string | null };

/** `from` plus whole years, as YYYY-MM-DD (February 29 plus a year is March 1). */
function addYears(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/** The forecast of the open deals the caller may read by expected close period (`Query.forecast`), in one SQL query. */
export async function forecast(ctx: Context, { from, to, groupBy, pipelineId, ownerId, teamId, convertTo }: ForecastArgs): Promise<Forecast> {
  if (to < from) throw BadUserInputError.field('to', `must be on or after from (${from}), got ${to}`);
  const latest = addYears(from, MAX_FORECAST_YEARS);
  if (to > latest) throw BadUserInputError.field('to', `must be at most ${MAX_FORECAST_YEARS} years after from, i.e. on or before ${latest}, got ${to}`);
  const period = PERIODS[groupBy];
  // Codes are stored in capitals; "eur" asks for EUR, as in every money input.
  const target = convertTo?.toUpperCase() ?? null;
  const scope = dealScope(ctx.principal, 'deal', { pipelineId, ownerId, teamId });
  const [total, ...periods] = await queryRows<Row>(
    ctx.db,
    `WITH periods AS (
       SELECT first_day::date AS period_start, (first_day + :periodStep::interval - interval '1 day')::date AS period_end
         FROM generate_series(date_trunc(:periodUnit, :rangeFrom::timestamp), date_trunc(:periodUnit, :rangeTo::timestamp), :periodStep::interval) AS first_day
     ),
     deals AS (
       SELECT date_trunc(:periodUnit, deal.expected_close_date::timestamp)::date AS period_start,
              deal.currency, deal.amount, ${weightedAmountSql('deal', 'stage')} AS weighted
         FROM opportunities.opportunities deal
         JOIN opportunities.stages stage ON stage.id = deal.stage_id
        WHERE stage.kind = 'OPEN' AND deal.expected_close_date BETWEEN :rangeFrom::date AND :rangeTo::date AND ${scope.sql}
     ),
     ${moneySumsCtes('period_start')}
     SELECT NULL::date AS sort_key, NULL AS start, NULL AS "end", NULL AS label,
            coalesce(sums.count, 0) AS count, coalesce(sums.amount, '[]') AS amount, coalesce(sums.weighted, '[]') AS "weightedAmount",
            ${CONVERSION_COLUMNS}
       FROM (SELECT 1) AS one
       LEFT JOIN sums_by_period_start sums ON sums.period_start IS NULL
     UNION ALL
     SELECT periods.period_start, greatest(periods.period_start, :rangeFrom::date)::text, least(periods.period_end, :rangeTo::date)::text,
            to_char(periods.period_start, :periodLabel), coalesce(sums.count, 0), coalesce(sums.amount, '[]'), coalesce(sums.weighted, '[]'),
            ${CONVERSION_COLUMNS}
       FROM periods
       LEFT JOIN sums_by_period_start sums ON sums.period_start = periods.period_start
      ORDER BY sort_key NULLS FIRST`,
    { ...scope.params, rangeFrom: from, rangeTo: to, periodUnit: period.unit, periodStep: period.step, periodLabel: period.label, convertTo: target },
  );
  const exchangeRates = convertedRates(target, total!);
  return {
    from,
    to,
    groupBy,
    periods: periods.map(({ start, end, label, count, amount, weightedAmount }) => ({ start: start!, end: end!, label: label!, count, amount, weightedAmount })),
    count: total!.count,
    amount: total!.amount as Money[],
    weightedAmount: total!.weightedAmount as Money[],
    convertedTo: target,
    exchangeRates,
  };
}
