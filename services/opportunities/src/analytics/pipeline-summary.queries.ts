import { BadUserInputError } from '@crm/kernel';
import { type Money, queryRows } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { CONVERSION_COLUMNS, type ConversionColumns, convertedRates, moneySumsCtes, weightedAmountSql } from './analytics-sql';
import { dealScope } from './deal-scope';
import type { PipelineSummaryArgs } from './pipeline-summary.args';
import type { PipelineSummary } from './pipeline-summary.type';

interface Row extends ConversionColumns {
  /** Null for the row of all stages together. */
  stageId: string | null;
  count: number;
  amount: Money[];
  weightedAmount: Money[];
}

/** The deals of a pipeline per stage and in total, of those the caller may read (`Query.pipelineSummary`), in one SQL query. */
export async function pipelineSummary(ctx: Context, { pipelineId, ownerId, teamId, convertTo }: PipelineSummaryArgs): Promise<PipelineSummary> {
  const pipeline = await ctx.loaders.pipelineById.load(pipelineId);
  if (!pipeline) throw BadUserInputError.field('pipelineId', `expected the id of a pipeline, got ${pipelineId}, which does not exist`);
  // Codes are stored in capitals; "eur" asks for EUR, as in every money input.
  const target = convertTo?.toUpperCase() ?? null;
  const scope = dealScope(ctx.principal, 'deal', { pipelineId, ownerId, teamId });
  const [rows, stages] = await Promise.all([
    queryRows<Row>(
      ctx.db,
      `WITH deals AS (
         SELECT deal.stage_id, deal.currency, deal.amount, ${weightedAmountSql('deal', 'stage')} AS weighted
           FROM opportunities.opportunities deal
           JOIN opportunities.stages stage ON stage.id = deal.stage_id
          WHERE ${scope.sql}
       ),
       ${moneySumsCtes('stage_id')}
       SELECT stage.id AS "stageId", stage.position, coalesce(sums.count, 0) AS count,
              coalesce(sums.amount, '[]') AS amount, coalesce(sums.weighted, '[]') AS "weightedAmount", ${CONVERSION_COLUMNS}
         FROM opportunities.stages stage
         LEFT JOIN sums_by_stage_id sums ON sums.stage_id = stage.id
        WHERE stage.pipeline_id = :pipelineId
       UNION ALL
       SELECT NULL, -1, coalesce(sums.count, 0), coalesce(sums.amount, '[]'), coalesce(sums.weighted, '[]'), ${CONVERSION_COLUMNS}
         FROM (SELECT 1) AS one
         LEFT JOIN sums_by_stage_id sums ON sums.stage_id IS NULL
        ORDER BY position`,
      { ...scope.params, pipelineId, convertTo: target },
    ),
    ctx.loaders.stagesByPipelineId.load(pipelineId),
  ]);
  const [total, ...perStage] = rows;
  const exchangeRates = convertedRates(target, total!);
  const stageById = new Map(stages.map((stage) => [stage.id, stage]));
  return {
    pipeline,
    stages: perStage.map(({ stageId, count, amount, weightedAmount }) => ({ stage: stageById.get(stageId!)!, count, amount, weightedAmount })),
    count: total!.count,
    amount: total!.amount,
    weightedAmount: total!.weightedAmount,
    convertedTo: target,
    exchangeRates,
  };
}
