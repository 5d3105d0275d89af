import { isUuid } from '@crm/kernel';
import type { Principal } from '@crm/kernel';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ACCOUNT_RECORD } from './account.record';

/** Deeper than any real group; stops the walk should a loop ever slip into the data. */
const MAX_DEPTH = 50;

/**
 * The id of the top-most ancestor of many accounts in one recursive query: the walk goes up
 * `parent_id` through live accounts the caller may read and stops below a deleted one (as
 * `Account.parent` is null there). An account without a parent is its own root; an id that is not
 * a live, readable account resolves to null.
 */
export function hierarchyRootLoader(db: DataSource, principal: Principal): DataLoader<string, string | null> {
  return new DataLoader(async (accountIds) => {
    const valid = accountIds.filter((id) => isUuid(id));
    if (valid.length === 0) return accountIds.map(() => null);
    const start = ACCOUNT_RECORD.access(principal, 'read', 'account');
    const up = ACCOUNT_RECORD.access(principal, 'read', 'parent');
    const [sql, parameters] = db.driver.escapeQueryWithParameters(
      `WITH RECURSIVE walk(start_id, id, parent_id, depth) AS (
         SELECT account.id, account.id, account.parent_id, 0
           FROM accounts.accounts account
          WHERE account.id IN (:...accountIds) AND account.deleted_at IS NULL AND ${start.sql}
         UNION ALL
         SELECT walk.start_id, parent.id, parent.parent_id, walk.depth + 1
           FROM walk JOIN accounts.accounts parent ON parent.id = walk.parent_id
          WHERE parent.deleted_at IS NULL AND walk.depth < ${MAX_DEPTH} AND ${up.sql}
       )
       SELECT DISTINCT ON (start_id) start_id::text AS "startId", id::text AS "rootId"
         FROM walk ORDER BY start_id, depth DESC`,
      { ...start.params, ...up.params, accountIds: valid },
    );
    const rows: { startId: string; rootId: string }[] = await db.query(sql, parameters);
    const roots = new Map(rows.map((row) => [row.startId, row.rootId]));
    return accountIds.map((id) => roots.get(id) ?? null);
  });
}
