import { type Principal } from '@crm/kernel';
import { accessCondition, positionalSql, PostgresEventSource, SqlPredicateBuilder, type EventResources, type Row, type SqlPredicate } from '@crm/kernel/subgraph';
import type { OpenPipelineChangedFilter } from '../resolvers/open-pipeline-changed-filter.input';
import type { OpenPipelineEventRow } from './open-pipeline.event';
import { OPEN_PIPELINE_CHANNEL } from './record-open-pipeline';

/** Which open-pipeline events one subscription receives: what its caller may read, narrowed by its filter. */
export interface OpenPipelineScope {
  principal: Principal;
  filter: OpenPipelineChangedFilter | null;
}

/**
 * The scope as SQL over open_pipeline_events' columns. An event adds up the open deals of every owner
 * of the account, so only roles that read every deal receive it (ADMIN, MANAGER, ANALYST, and the
 * system principal of the accounts subgraph's consumer): the deals' read rule applied to a deal of no
 * owner and no team admits exactly those. Then the filter.
 */
export function openPipelinePredicate({ principal, filter }: OpenPipelineScope): SqlPredicate {
  const sql = new SqlPredicateBuilder();
  const read = accessCondition(principal, 'dealWork', 'read', { owner: 'NULL::uuid', team: 'NULL::uuid' });
  sql.and(`coalesce(${positionalSql(read, sql.param)}, false)`);
  if (filter?.accountId) sql.and(`account_id = ${sql.param(filter.accountId)}`);
  return sql.build();
}

const COLUMNS = `seq, id, account_id AS "accountId", opportunity_id AS "opportunityId", change,
  open_pipeline AS "openPipeline", shares, recorded_at AS "recordedAt"`;

/** Open-pipeline events streamed from the open_pipeline_events outbox on PostgreSQL. */
export function openPipelineEventSource({ db, listener, logger }: EventResources): PostgresEventSource<OpenPipelineEventRow, OpenPipelineScope> {
  return new PostgresEventSource<OpenPipelineEventRow, OpenPipelineScope>({
    listener,
    channel: OPEN_PIPELINE_CHANNEL,
    table: 'opportunities.open_pipeline_events',
    columns: COLUMNS,
    query: (sql, values) => db.query(sql, values),
    predicate: openPipelinePredicate,
    toEvent: ({ seq: _seq, ...row }: Row) => row as unknown as OpenPipelineEventRow,
    logger,
  });
}
