import { groupByKeys } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { StageDuration } from './stage-duration.type';

interface Row extends StageDuration {
  opportunityId: string;
}

/**
 * Every stay of many deals in their stages, in one query: each stage_changes row starts a stay, the
 * deal's next row (`lead()` over the deal's history in seq order, which is commit order) ends it.
 * The current stay has no end and counts its days up to now. Each deal's stays oldest first.
 */
export function timeInStagesLoader(db: DataSource): DataLoader<string, StageDuration[]> {
  return new DataLoader(async (opportunityIds) => {
    const rows: Row[] = await db.query(
      `SELECT opportunity_id AS "opportunityId", to_stage_id AS "stageId", changed_at AS "enteredAt", left_at AS "leftAt",
              (extract(epoch FROM coalesce(left_at, now()) - changed_at) / 86400)::float8 AS days
         FROM (SELECT opportunity_id, to_stage_id, changed_at, seq,
                      lead(changed_at) OVER (PARTITION BY opportunity_id ORDER BY seq) AS left_at
                 FROM opportunities.stage_changes
                WHERE opportunity_id = ANY($1::uuid[])) stays
        ORDER BY opportunity_id, seq`,
      [opportunityIds],
    );
    return groupByKeys(opportunityIds, rows, (row) => row.opportunityId).map((stays) =>
      stays.map(({ opportunityId: _deal, ...stay }) => stay),
    );
  });
}
