import { type Principal } from '@crm/kernel';
import { adoptionInputCtes, adoptionRowsParameter, auditUsageSelect, peerUsageCte, queryRows, type AdoptionRowReference } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { OPPORTUNITY_RECORD } from '../deals/opportunity.record';

/** This subgraph's part of one `AdoptionRow`. */
export interface OpportunitiesUsage {
  opportunitiesCreated: number;
  opportunitiesUpdated: number;
  stageMoves: number;
  /** Per peer, in `peerIds` order: deals created plus deals updated. */
  peerOpportunityUsage: number[];
}

/**
 * The deals part of many adoption rows in one SQL query: per row, the distinct live deals its person
 * created and changed in the window (from this schema's audit log) and the stage moves they made
 * (stage history, creation excluded), only of deals `principal` may read; and, for each of the row's
 * peers, deals created plus deals changed.
 */
export async function opportunitiesUsage(db: DataSource, principal: Principal, rows: readonly AdoptionRowReference[]): Promise<OpportunitiesUsage[]> {
  const deals = auditUsageSelect('opportunities', 'opportunities', OPPORTUNITY_RECORD, principal);
  const read = OPPORTUNITY_RECORD.access(principal, 'read', 'deal');
  const found = await queryRows<OpportunitiesUsage & { rowNo: number }>(
    db,
    `WITH ${adoptionInputCtes()},
     deal_counts AS (${deals.sql}),
     moves AS (
       SELECT rows.row_no, count(*)::int AS stage_moves
         FROM adoption_rows rows
         JOIN opportunities.stage_changes change
           ON change.changed_by_id = rows.user_id AND change.from_stage_id IS NOT NULL
          AND change.changed_at >= rows.window_from AND change.changed_at < rows.window_to
         JOIN opportunities.opportunities deal ON deal.id = change.opportunity_id AND deal.deleted_at IS NULL
        WHERE ${read.sql}
        GROUP BY rows.row_no
     ),
     ${peerUsageCte('peer_usage', 'deal_counts', 'counted.created + counted.updated')}
     SELECT rows.row_no AS "rowNo",
            coalesce(deal_counts.created, 0) AS "opportunitiesCreated", coalesce(deal_counts.updated, 0) AS "opportunitiesUpdated",
            coalesce(moves.stage_moves, 0) AS "stageMoves",
            coalesce(peer_usage.usage, '{}') AS "peerOpportunityUsage"
       FROM adoption_rows rows
       LEFT JOIN deal_counts
         ON deal_counts.person_id = rows.user_id AND deal_counts.window_from = rows.window_from AND deal_counts.window_to = rows.window_to
       LEFT JOIN moves ON moves.row_no = rows.row_no
       LEFT JOIN peer_usage ON peer_usage.row_no = rows.row_no
      ORDER BY rows.row_no`,
    { ...deals.params, ...read.params, adoptionRows: adoptionRowsParameter(rows) },
  );
  return found.map(({ rowNo: _rowNo, ...usage }) => usage);
}
