import { type Principal } from '@crm/kernel';
import { accessCondition, positionalSql, PostgresEventSource, SqlPredicateBuilder, type EventResources, type EventSource, type Row, type SqlPredicate } from '@crm/kernel/subgraph';
import type { DealStageChangedFilter } from '../resolvers/deal-stage-changed-filter.input';
import type { DealStageEvent } from './deal-stage-change.event';
import { openPipelineEventSource, type OpenPipelineScope } from './open-pipeline-events';
import type { OpenPipelineEventRow } from './open-pipeline.event';
import { DEAL_STAGE_CHANNEL } from './record-stage-change';

/** Which stage changes one subscription receives: what its caller may read, narrowed by its filter. */
export interface DealStageScope {
  principal: Principal;
  filter: DealStageChangedFilter | null;
}

/** The event sources of this service, as `ctx.events`. */
export type OpportunityEvents = {
  dealStageChanges: EventSource<DealStageEvent, DealStageScope>;
  /** `openPipelineChanged`: each account's open pipeline after every write that changes it (events/record-open-pipeline.ts). */
  openPipelineChanges: EventSource<OpenPipelineEventRow, OpenPipelineScope>;
};

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

const COLUMNS = `seq, id, opportunity_id AS "opportunityId", from_stage_id AS "fromStageId", to_stage_id AS "toStageId",
  changed_by_id AS "changedById", changed_at AS "changedAt"`;

/** Stage changes streamed from the stage_changes table (the transactional outbox) on PostgreSQL. */
export function dealStageEventSource({ db, listener, logger }: EventResources): PostgresEventSource<DealStageEvent, DealStageScope> {
  return new PostgresEventSource<DealStageEvent, DealStageScope>({
    listener,
    channel: DEAL_STAGE_CHANNEL,
    table: 'opportunities.stage_changes',
    columns: COLUMNS,
    query: (sql, values) => db.query(sql, values),
    predicate: dealStagePredicate,
    toEvent: ({ seq: _seq, ...row }: Row) => row as unknown as DealStageEvent,
    logger,
  });
}

/** `ServiceDefinition.events` of this service. */
export function opportunityEvents(resources: EventResources): OpportunityEvents {
  return { dealStageChanges: dealStageEventSource(resources), openPipelineChanges: openPipelineEventSource(resources) };
}
