import { accessCondition, defineEventLog, type LogScope, positionalSql, type SqlPredicate, SqlPredicateBuilder } from '@crm/kernel/subgraph';
import type { EntityManager } from 'typeorm';
import type { DealStageChangedFilter } from './deal-stage-changed-filter.input';
import type { DealStageEvent } from './deal-stage-changed.event';

// The dealStageChanged log (opportunities.stage_changes, a transactional outbox): its one writer,
// `recordStageChange`, and what subscriptions stream from it.

/**
 * The dealStageChanged log: stage changes streamed from the stage_changes table on PostgreSQL, each
 * subscription only what `dealStagePredicate` admits; `deal_stage_events` wakes its readers.
 */
export const dealStageChangedLog = defineEventLog<DealStageEvent, DealStageChangedFilter>({
  name: 'dealStageChanged',
  channel: 'deal_stage_events',
  table: 'opportunities.stage_changes',
  columns: `seq, id, opportunity_id AS "opportunityId", from_stage_id AS "fromStageId", to_stage_id AS "toStageId",
    changed_by_id AS "changedById", changed_at AS "changedAt"`,
  predicate: dealStagePredicate,
});

export interface StageChangeRecord {
  /** The deal, already updated to its new stage in this transaction. */
  opportunityId: string;
  /** The stage it left; null when the deal was just created. */
  fromStageId: string | null;
  /** Who (or which job, by its user id) changed the stage. */
  changedById: string;
  /**
   * When, as PostgreSQL timestamptz text (keeps microseconds), e.g. the clock_timestamp() read once
   * the deal's row lock was held. Default: the transaction's now().
   */
  changedAt?: string | null;
}

/**
 * The one way to record a stage change — mutations and background jobs alike — inside the caller's
 * transaction, right after the deal's row got its new stage. It appends the stage_changes row (the
 * durable event) under the log's lock (`EventLog.append`: seq order is commit order, and the new seq
 * is notified on commit) with the deal's pipeline, account, owner, team and target stage kind copied
 * from the deal row itself, so the snapshot cannot disagree with the deal in this transaction;
 * likewise the deal's lost reason and note on a move into a LOST stage, and `reopened` for a move
 * from a WON or LOST stage into an OPEN one.
 * Keep the work after this call short: every other stage change waits for this commit.
 * Returns the new row's seq (decimal string).
 */
export async function recordStageChange(manager: EntityManager, change: StageChangeRecord): Promise<string> {
  const seqs = await dealStageChangedLog.append(
    manager,
    `WITH recorded AS (
       INSERT INTO opportunities.stage_changes
         (opportunity_id, from_stage_id, to_stage_id, changed_by_id, changed_at, pipeline_id, account_id, owner_id, team_id, to_stage_kind,
          reopened, lost_reason_id, lost_reason_note)
       SELECT deal.id, $2::uuid, deal.stage_id, $3::uuid, coalesce($4::timestamptz, now()), deal.pipeline_id, deal.account_id, deal.owner_id, deal.team_id, stage.kind,
              stage.kind = 'OPEN' AND coalesce(from_stage.kind IN ('WON', 'LOST'), false),
              CASE WHEN stage.kind = 'LOST' THEN deal.lost_reason_id END,
              CASE WHEN stage.kind = 'LOST' THEN deal.lost_reason_note END
         FROM opportunities.opportunities deal
         JOIN opportunities.stages stage ON stage.id = deal.stage_id
         LEFT JOIN opportunities.stages from_stage ON from_stage.id = $2::uuid
        WHERE deal.id = $1
       RETURNING seq
     )`,
    [change.opportunityId, change.fromStageId, change.changedById, change.changedAt ?? null],
  );
  if (seqs.length !== 1) throw new Error(`recordStageChange: opportunity ${change.opportunityId} does not exist in this transaction`);
  return seqs[0]!;
}

/** Which stage changes one subscription receives: what its caller may read, narrowed by its filter. */
export type DealStageScope = LogScope<DealStageChangedFilter>;

/**
 * The scope as SQL over stage_changes' snapshot columns: authorization first, then each filter.
 * Every condition is an equality on an indexed (column, seq) pair. Authorization is the deals' read
 * rule (`accessCondition`) applied to the deal's owner and team at the time of the change; changes of
 * a deal deleted since vanish.
 */
export function dealStagePredicate({ principal, filter }: DealStageScope): SqlPredicate {
  const sql = new SqlPredicateBuilder();
  const read = accessCondition(principal, 'dealWork', 'read', { owner: 'owner_id', team: 'team_id' });
  sql.and(positionalSql(read, sql.param));
  sql.and('NOT EXISTS (SELECT 1 FROM opportunities.opportunities deleted WHERE deleted.id = opportunity_id AND deleted.deleted_at IS NOT NULL)');
  if (filter?.pipelineId) sql.and(`pipeline_id = ${sql.param(filter.pipelineId)}`);
  if (filter?.ownerId) sql.and(`owner_id = ${sql.param(filter.ownerId)}`);
  if (filter?.teamId) sql.and(`team_id = ${sql.param(filter.teamId)}`);
  if (filter?.accountId) sql.and(`account_id = ${sql.param(filter.accountId)}`);
  if (filter?.toStageKind) sql.and(`to_stage_kind = ${sql.param(filter.toStageKind)}`);
  return sql.build();
}
