import { BadUserInputError } from '@crm/kernel';
import { queryRows } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import type { LostReason } from '../pipelines/lost-reason.entity';
import type { Stage } from '../pipelines/stage.entity';
import { dealScope } from './deal-scope';
import type { SalesCycleStatsArgs } from './sales-cycle-stats.args';
import type { SalesCycleStats } from './sales-cycle-stats.type';

interface OutcomeRow {
  won: number;
  lost: number;
  winRate: number | null;
  averageDaysToClose: number | null;
  medianDaysToClose: number | null;
}

interface StageRow {
  stageId: string;
  entered: number;
  advanced: number;
  conversionRate: number | null;
  averageDaysInStage: number | null;
}

interface LostReasonRow {
  lostReasonId: string | null;
  count: number;
}

/** Days between two timestamptz expressions, fractional. */
const days = (from: string, to: string) => `extract(epoch FROM ${to} - ${from}) / 86400`;

/** Win rate, days to close, time in stages and conversion of the deals closed in [from, to) the caller may read (`Query.salesCycleStats`), in three SQL queries. */
export async function salesCycleStats(ctx: Context, { from, to, pipelineId }: SalesCycleStatsArgs): Promise<SalesCycleStats> {
  if (!(to > from)) throw BadUserInputError.field('to', `must be after from (${from.toISOString()}), got ${to.toISOString()}`);
  if (pipelineId && !(await ctx.loaders.pipelineById.load(pipelineId))) {
    throw BadUserInputError.field('pipelineId', `expected the id of a pipeline, got ${pipelineId}, which does not exist`);
  }
  const scope = dealScope(ctx.principal, 'deal', { pipelineId });
  const params = { ...scope.params, windowFrom: from, windowTo: to, stagesOf: pipelineId ?? null };
  // The window's closed deals, shared by the three queries.
  const cohort = `cohort AS (
    SELECT deal.id, deal.created_at, deal.closed_at, deal.lost_reason_id, stage.kind
      FROM opportunities.opportunities deal
      JOIN opportunities.stages stage ON stage.id = deal.stage_id
     WHERE stage.kind IN ('WON', 'LOST') AND deal.closed_at >= :windowFrom AND deal.closed_at < :windowTo AND ${scope.sql}
  )`;
  const [[outcome], stageRows, lostRows] = await Promise.all([
    queryRows<OutcomeRow>(
      ctx.db,
      `WITH ${cohort}
       SELECT count(*) FILTER (WHERE kind = 'WON')::int AS won,
              count(*) FILTER (WHERE kind = 'LOST')::int AS lost,
              (count(*) FILTER (WHERE kind = 'WON'))::float8 / nullif(count(*), 0) AS "winRate",
              (avg(${days('created_at', 'closed_at')}) FILTER (WHERE kind = 'WON'))::float8 AS "averageDaysToClose",
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days('created_at', 'closed_at')}) FILTER (WHERE kind = 'WON'))::float8 AS "medianDaysToClose"
         FROM cohort`,
      params,
    ),
    queryRows<StageRow>(
      ctx.db,
      `WITH ${cohort},
       stays AS (
         SELECT change.opportunity_id, change.to_stage_id AS stage_id, change.seq, stage.position,
                change.changed_at AS entered_at, lead(change.changed_at) OVER deal_history AS left_at,
                -- The furthest non-LOST stage the deal entered after this stay: one pass over each history.
                max(stage.position) FILTER (WHERE stage.kind <> 'LOST')
                  OVER (deal_history ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS furthest_later
           FROM opportunities.stage_changes change
           JOIN cohort ON cohort.id = change.opportunity_id
           JOIN opportunities.stages stage ON stage.id = change.to_stage_id
         WINDOW deal_history AS (PARTITION BY change.opportunity_id ORDER BY change.seq)
       ),
       first_entries AS (
         SELECT DISTINCT ON (opportunity_id, stage_id) stage_id, position, furthest_later
           FROM stays
          ORDER BY opportunity_id, stage_id, seq
       ),
       conversions AS (
         SELECT stage_id, count(*)::int AS entered, (count(*) FILTER (WHERE furthest_later > position))::int AS advanced
           FROM first_entries
          GROUP BY stage_id
       ),
       durations AS (
         SELECT stage_id, avg(${days('entered_at', 'left_at')})::float8 AS average_days
           FROM stays WHERE left_at IS NOT NULL GROUP BY stage_id
       )
       SELECT stage.id AS "stageId", coalesce(conversions.entered, 0) AS entered, coalesce(conversions.advanced, 0) AS advanced,
              CASE WHEN stage.kind = 'OPEN' THEN conversions.advanced::float8 / nullif(conversions.entered, 0) END AS "conversionRate",
              durations.average_days AS "averageDaysInStage"
         FROM opportunities.stages stage
         JOIN opportunities.pipelines pipeline ON pipeline.id = stage.pipeline_id
         LEFT JOIN conversions ON conversions.stage_id = stage.id
         LEFT JOIN durations ON durations.stage_id = stage.id
        WHERE :stagesOf::uuid IS NULL OR stage.pipeline_id = :stagesOf::uuid
        ORDER BY pipeline.name, stage.position`,
      params,
    ),
    queryRows<LostReasonRow>(
      ctx.db,
      `WITH ${cohort}
       SELECT lost_reason_id AS "lostReasonId", count(*)::int AS count
         FROM cohort WHERE kind = 'LOST'
        GROUP BY lost_reason_id
        ORDER BY count DESC, lost_reason_id NULLS LAST`,
      params,
    ),
  ]);
  const stages = (await ctx.loaders.stageById.loadMany(stageRows.map((row) => row.stageId))) as Stage[];
  const reasons = (await ctx.loaders.lostReasonById.loadMany(lostRows.flatMap((row) => (row.lostReasonId ? [row.lostReasonId] : [])))) as LostReason[];
  const reasonById = new Map(reasons.map((reason) => [reason.id, reason]));
  return {
    from,
    to,
    ...outcome!,
    stages: stageRows.map(({ stageId: _id, ...row }, index) => ({ stage: stages[index]!, ...row })),
    lostReasons: lostRows.map(({ lostReasonId, count }) => ({ lostReason: lostReasonId ? reasonById.get(lostReasonId)! : null, count })),
  };
}
