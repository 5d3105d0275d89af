import { type Principal } from '@crm/kernel';
import {
  adoptionInputCtes,
  adoptionRowsParameter,
  auditUsageSelect,
  CRM_ADOPTION_THRESHOLD,
  queryRows,
  type AdoptionRowReference,
} from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import type { Context } from '../context';
import { ACTIVITY_RECORD } from '../activities/activity.record';
import type { AdoptionRow } from '../stubs/adoption-row.stub';
import { assertRequired, SIGNAL_INPUT } from './adoption-row.rules';

/** This subgraph's own part of one `AdoptionRow`. */
export interface ActivitiesUsage {
  activitiesLogged: number;
  activitiesUpdated: number;
  lastActivityAt: Date | null;
}

/** The training signal of one `AdoptionRow`, from all three subgraphs' counts. */
export interface TrainingSignal {
  usageScore: number;
  teamMedianUsage: number;
  needsTraining: boolean;
}

/** Activities created (logged) and changed per person and window, as `activity_counts`. */
function activityCounts(principal: Principal) {
  return auditUsageSelect('activities', 'activities', ACTIVITY_RECORD, principal);
}

/**
 * The activities part of many adoption rows in one SQL query: per row, the distinct live activities
 * its person logged (created) and changed in the window, and when they last logged one before the
 * window's end (not only within it), from this schema's audit log — only activities `principal` may
 * read. Activities made by the system (onboarding plans) are nobody's usage.
 */
export async function activitiesUsage(db: DataSource, principal: Principal, rows: readonly AdoptionRowReference[]): Promise<ActivitiesUsage[]> {
  const counts = activityCounts(principal);
  const read = ACTIVITY_RECORD.access(principal, 'read', 'activity');
  const found = await queryRows<ActivitiesUsage & { rowNo: number }>(
    db,
    `WITH ${adoptionInputCtes()},
     activity_counts AS (${counts.sql}),
     -- The newest CREATE by the person before the window's end whose activity is live and readable:
     -- a backward walk of audit_log_actor_idx per row that stops at the first match.
     last_logged AS (
       SELECT rows.row_no, latest.changed_at AS last_at
         FROM adoption_rows rows
        CROSS JOIN LATERAL (
          SELECT entry.changed_at
            FROM activities.audit_log entry
            JOIN activities.activities activity ON activity.id = entry.entity_id AND activity.deleted_at IS NULL
           WHERE entry.changed_by_id = rows.user_id AND entry.changed_at < rows.window_to
             AND entry.entity_type = :loggedType AND entry.action = 'CREATE' AND ${read.sql}
           ORDER BY entry.changed_at DESC
           LIMIT 1) AS latest
     )
     SELECT rows.row_no AS "rowNo", coalesce(own.created, 0) AS "activitiesLogged", coalesce(own.updated, 0) AS "activitiesUpdated",
            last_logged.last_at AS "lastActivityAt"
       FROM adoption_rows rows
       LEFT JOIN activity_counts own ON own.person_id = rows.user_id AND own.window_from = rows.window_from AND own.window_to = rows.window_to
       LEFT JOIN last_logged ON last_logged.row_no = rows.row_no
      ORDER BY rows.row_no`,
    { ...counts.params, ...read.params, loggedType: ACTIVITY_RECORD.name, adoptionRows: adoptionRowsParameter(rows) },
  );
  return found.map(({ rowNo: _rowNo, ...usage }) => usage);
}

/**
 * The training signal of many adoption rows in one SQL query. Each row brings, from the gateway
 * (`@requires`), the other subgraphs' counts for its person and, for each of its peers, their
 * accounts and deals parts of the usage score; this query adds the activities part of every peer,
 * takes the median of the peers' scores (PostgreSQL's percentile_cont(0.5): the middle score, or the
 * mean of the two middle ones) and flags the person when their own score is below
 * `CRM_ADOPTION_THRESHOLD` × that median. The median never depends on which rows share a batch or a
 * page: each row carries its whole comparison group.
 */
export async function trainingSignals(db: DataSource, principal: Principal, rows: readonly AdoptionRow[]): Promise<TrainingSignal[]> {
  for (const row of rows) assertRequired(row, SIGNAL_INPUT);
  const counts = activityCounts(principal);
  const found = await queryRows<TrainingSignal & { rowNo: number }>(
    db,
    `WITH ${adoptionInputCtes(
      `, accounts_created int, contacts_created int, opportunities_created int, accounts_updated int, contacts_updated int, opportunities_updated int,
         peer_account_usage int[], peer_opportunity_usage int[]`,
    )},
     activity_counts AS (${counts.sql}),
     medians AS (
       SELECT rows.row_no,
              percentile_cont(0.5) WITHIN GROUP (
                ORDER BY coalesce(peer.accounts_part, 0) + coalesce(peer.opportunities_part, 0) + coalesce(counted.created + counted.updated, 0)) AS team_median
         FROM adoption_rows rows
        CROSS JOIN unnest(rows.peer_ids, rows.peer_account_usage, rows.peer_opportunity_usage) AS peer(id, accounts_part, opportunities_part)
         LEFT JOIN activity_counts counted
           ON counted.person_id = peer.id AND counted.window_from = rows.window_from AND counted.window_to = rows.window_to
        WHERE peer.id IS NOT NULL
        GROUP BY rows.row_no
     ),
     scored AS (
       SELECT rows.row_no,
              coalesce(own.created, 0) + rows.accounts_created + rows.contacts_created + rows.opportunities_created
                + rows.accounts_updated + rows.contacts_updated + rows.opportunities_updated + coalesce(own.updated, 0) AS usage_score,
              medians.team_median
         FROM adoption_rows rows
         LEFT JOIN activity_counts own ON own.person_id = rows.user_id AND own.window_from = rows.window_from AND own.window_to = rows.window_to
         LEFT JOIN medians ON medians.row_no = rows.row_no
     )
     SELECT row_no AS "rowNo", usage_score AS "usageScore", coalesce(team_median, 0)::float8 AS "teamMedianUsage",
            coalesce(usage_score < :threshold * team_median, false) AS "needsTraining"
       FROM scored
      ORDER BY row_no`,
    {
      ...counts.params,
      threshold: CRM_ADOPTION_THRESHOLD,
      adoptionRows: adoptionRowsParameter(rows, (reference) => {
        const row = reference as AdoptionRow;
        return {
          accounts_created: row.accountsCreated,
          contacts_created: row.contactsCreated,
          opportunities_created: row.opportunitiesCreated,
          accounts_updated: row.accountsUpdated,
          contacts_updated: row.contactsUpdated,
          opportunities_updated: row.opportunitiesUpdated,
          peer_account_usage: row.peerAccountUsage,
          peer_opportunity_usage: row.peerOpportunityUsage,
        };
      }),
    },
  );
  return found.map(({ rowNo: _rowNo, ...signal }) => signal);
}

/** The activities part of one adoption row; the rows of a request share one `activitiesUsage` query. */
export function activitiesUsageOf(ctx: Context, row: AdoptionRow): Promise<ActivitiesUsage> {
  return ctx.loaders.lists.get('AdoptionRow.activitiesUsage', null, (rows: readonly AdoptionRow[]) => activitiesUsage(ctx.db, ctx.principal, rows)).load(row);
}

/** The training signal of one adoption row; the rows of a request share one `trainingSignals` query. */
export function trainingSignalOf(ctx: Context, row: AdoptionRow): Promise<TrainingSignal> {
  return ctx.loaders.lists.get('AdoptionRow.trainingSignal', null, (rows: readonly AdoptionRow[]) => trainingSignals(ctx.db, ctx.principal, rows)).load(row);
}
