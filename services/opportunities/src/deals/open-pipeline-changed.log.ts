import { accessCondition, defineEventLog, type LogScope, positionalSql, type SqlPredicate, SqlPredicateBuilder } from '@crm/kernel/subgraph';
import type { EntityManager } from 'typeorm';
import { StageKind } from '../pipelines/stage-kind.enum';
import { OpenPipelineChangeKind } from './open-pipeline-change-kind.enum';
import type { OpenPipelineChangedFilter } from './open-pipeline-changed-filter.input';
import type { OpenPipelineEventRow } from './open-pipeline-changed.event';
import type { Opportunity } from './opportunity.entity';

// The openPipelineChanged log (opportunities.open_pipeline_events, a transactional outbox): its
// writers, `recordOpenPipelineChange` and the seed's backfill, and what subscriptions stream from it.

/**
 * The openPipelineChanged log: open-pipeline events streamed from the open_pipeline_events table on
 * PostgreSQL, each subscription only what `openPipelinePredicate` admits; `open_pipeline_events` wakes its readers.
 */
export const openPipelineChangedLog = defineEventLog<OpenPipelineEventRow, OpenPipelineChangedFilter>({
  name: 'openPipelineChanged',
  channel: 'open_pipeline_events',
  table: 'opportunities.open_pipeline_events',
  columns: `seq, id, account_id AS "accountId", opportunity_id AS "opportunityId", change,
    open_pipeline AS "openPipeline", shares, recorded_at AS "recordedAt"`,
  predicate: openPipelinePredicate,
});

/** The fields that decide what a deal adds to its account's open pipeline. */
type PipelineFacts = Pick<Opportunity, 'accountId' | 'ownerId' | 'teamId' | 'stageId' | 'amountValue' | 'currency' | 'deletedAt'>;

/** What the deal adds to whose open pipeline, as a comparable key; null when it adds nothing (deleted, or not in an OPEN stage). */
function contribution(deal: PipelineFacts | null, open: ReadonlySet<string>): string | null {
  if (!deal || deal.deletedAt || !open.has(deal.stageId)) return null;
  return JSON.stringify([deal.accountId, deal.ownerId, deal.teamId, deal.currency, deal.amountValue]);
}

const unchanged = (a: PipelineFacts, b: PipelineFacts) =>
  a.accountId === b.accountId && a.ownerId === b.ownerId && a.teamId === b.teamId && a.stageId === b.stageId &&
  a.amountValue === b.amountValue && a.currency === b.currency && a.deletedAt?.getTime() === b.deletedAt?.getTime();

/** The accounts whose open pipeline a write from `before` to `after` changes (none when nothing that counts changed). */
export async function accountsTouched(manager: EntityManager, before: PipelineFacts | null, after: PipelineFacts | null): Promise<string[]> {
  if (before && after && unchanged(before, after)) return [];
  const deals = [before, after].filter((deal): deal is PipelineFacts => deal !== null);
  // Stages never change; which of the two are OPEN is one indexed lookup.
  const rows: { id: string }[] = await manager.query(`SELECT id FROM opportunities.stages WHERE id = ANY($1::uuid[]) AND kind = $2`, [
    [...new Set(deals.map((deal) => deal.stageId))],
    StageKind.OPEN,
  ]);
  const open = new Set(rows.map((row) => row.id));
  const [was, is] = [contribution(before, open), contribution(after, open)];
  if (was === is) return [];
  return [...new Set([was === null ? null : before!.accountId, is === null ? null : after!.accountId].filter((id): id is string => id !== null))];
}

/**
 * One event per account of `accounts` (SQL yielding `account_id` and `position` columns, events in
 * that order), inserted with its open
 * pipeline recomputed from its live deals in OPEN stages: totals per currency and shares per owner,
 * team and currency, amounts as exact decimal text; the inserted seqs are the CTE `recorded`, for
 * the statement's final SELECT. `$1` is the deal, `$2` the change kind.
 */
export function snapshotSql(accounts: string): string {
  return `
    WITH touched AS (${accounts}),
    shares AS (
      SELECT deal.account_id, deal.owner_id, deal.team_id, deal.currency, sum(deal.amount) AS amount
        FROM opportunities.opportunities deal
        JOIN opportunities.stages stage ON stage.id = deal.stage_id
       WHERE deal.account_id IN (SELECT account_id FROM touched) AND deal.deleted_at IS NULL AND stage.kind = 'OPEN'
       GROUP BY deal.account_id, deal.owner_id, deal.team_id, deal.currency
    ),
    totals AS (SELECT account_id, currency, sum(amount) AS amount FROM shares GROUP BY account_id, currency),
    recorded AS (
    INSERT INTO opportunities.open_pipeline_events (account_id, opportunity_id, change, open_pipeline, shares)
    SELECT touched.account_id, $1::uuid, $2::text,
           coalesce((SELECT jsonb_agg(jsonb_build_object('currency', t.currency, 'amount', t.amount::text) ORDER BY t.currency)
                       FROM totals t WHERE t.account_id = touched.account_id), '[]'::jsonb),
           coalesce((SELECT jsonb_agg(jsonb_build_object('ownerId', s.owner_id, 'teamId', s.team_id, 'currency', s.currency, 'amount', s.amount::text)
                                      ORDER BY s.currency, s.owner_id, s.team_id)
                       FROM shares s WHERE s.account_id = touched.account_id), '[]'::jsonb)
      FROM touched
     ORDER BY touched.position, touched.account_id
    RETURNING seq)`;
}

/**
 * The one way to record that open pipelines changed, inside the writer's transaction, after the deal
 * row has its new state — create, update (amount, currency, owner, team, account, stage), delete and
 * restore alike. It appends one open_pipeline_events row per touched account under the log's lock
 * (`EventLog.append`: seq order is commit order, notified on commit), with the account's open
 * pipeline recomputed in SQL from its live deals in OPEN stages — so the event carries the account's
 * whole state, and a consumer that applies events in order is always right.
 * Does nothing when the write changes no account's open pipeline (e.g. a rename, or a move between
 * two OPEN stages).
 */
export async function recordOpenPipelineChange(
  manager: EntityManager,
  change: OpenPipelineChangeKind,
  before: Opportunity | null,
  after: Opportunity,
): Promise<void> {
  const accountIds = await accountsTouched(manager, before, after);
  if (accountIds.length === 0) return;
  // A writer that appends to both logs appends to the stage-change log first (its lock first).
  await openPipelineChangedLog.append(
    manager,
    // In the given order: a deal moved to another account first changes the one it left.
    snapshotSql('SELECT account_id, position FROM unnest($3::uuid[]) WITH ORDINALITY AS given(account_id, position)'),
    [after.id, change, accountIds],
  );
}

/**
 * One BACKFILL event per account with open deals: what the migration wrote for deals that existed
 * then. The demo seed loads deals after migrating, so it calls this in its transaction (nothing else
 * runs yet, so it needs no lock). The rows are the ones `snapshotSql` would write for every such
 * account in account order, but built in one pass over the shares: each currency's total is a
 * window sum over the account's shares and both lists are aggregated in one GROUP BY, where
 * `snapshotSql`'s per-account sub-selects scan both CTEs once for each account (quadratic in the
 * book's size, past the query timeout at scale 100). No join either: in the seed's transaction the
 * freshly loaded tables have no statistics, and a join of two aggregates is planned as a nested loop.
 */
export async function backfillOpenPipelineEvents(manager: EntityManager): Promise<number> {
  const [{ count }]: { count: number }[] = await manager.query(
    `
    WITH shares AS (
      SELECT deal.account_id, deal.owner_id, deal.team_id, deal.currency, sum(deal.amount) AS amount
        FROM opportunities.opportunities deal
        JOIN opportunities.stages stage ON stage.id = deal.stage_id
       WHERE deal.deleted_at IS NULL AND stage.kind = 'OPEN'
       GROUP BY deal.account_id, deal.owner_id, deal.team_id, deal.currency
    ),
    totals AS (
      SELECT shares.*, sum(amount) OVER (PARTITION BY account_id, currency) AS total,
             row_number() OVER (PARTITION BY account_id, currency) AS nth
        FROM shares
    ),
    recorded AS (
    INSERT INTO opportunities.open_pipeline_events (account_id, opportunity_id, change, open_pipeline, shares)
    SELECT account_id, NULL::uuid, $1::text,
           jsonb_agg(jsonb_build_object('currency', currency, 'amount', total::text) ORDER BY currency) FILTER (WHERE nth = 1),
           jsonb_agg(jsonb_build_object('ownerId', owner_id, 'teamId', team_id, 'currency', currency, 'amount', amount::text)
                     ORDER BY currency, owner_id, team_id)
      FROM totals
     GROUP BY account_id
     ORDER BY account_id
    RETURNING seq)
    SELECT count(*)::int AS count FROM recorded`,
    [OpenPipelineChangeKind.BACKFILL],
  );
  return count;
}

/** Which open-pipeline events one subscription receives: what its caller may read, narrowed by its filter. */
export type OpenPipelineScope = LogScope<OpenPipelineChangedFilter>;

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
