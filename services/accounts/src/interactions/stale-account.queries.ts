import { decodeCursor, encodeCursor, type CursorSpec } from '@crm/kernel';
import { readableBy, type ConnectionData } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { Account } from '../accounts/account.entity';
import { ACCOUNT_RECORD } from '../accounts/account.record';
import { Lifecycle } from '../accounts/lifecycle.enum';
import type { Tier } from '../accounts/tier.enum';
import { AccountInteraction, daysSinceSql, lastInteractionSql } from './account-interaction.entity';
import { StaleAccount } from './stale-account.type';
import type { StaleAccountsArgs } from './stale-accounts.args';
import { StaleThreshold } from './stale-threshold.entity';

interface StaleRow {
  id: string;
  tier: Tier;
  last_interaction_at: Date | null;
  quiet_since: Date;
  threshold_days: number;
  days: number | null;
}

/** Stale accounts are ordered by when they went quiet. */
const STALE_CURSORS: CursorSpec = { list: 'staleAccounts.quietSince ASC', kind: 'timestamp' };

/**
 * One page of `staleAccounts`: live customers the caller may read, quiet for longer than their tier's
 * threshold (or `minDays`), longest quiet first; one query for the page, one for `totalCount` when asked.
 */
export async function staleAccounts(ctx: Context, { tier, minDays, first, after }: StaleAccountsArgs): Promise<ConnectionData<StaleAccount>> {
  const last = lastInteractionSql('interaction');
  const quietSince = `coalesce(${last}, account.createdAt)`;
  const limit = minDays ?? null;
  const qb = readableBy(ctx.db.getRepository(Account).createQueryBuilder('account'), ACCOUNT_RECORD, ctx.principal)
    .leftJoin(AccountInteraction, 'interaction', 'interaction.accountId = account.id')
    .innerJoin(StaleThreshold, 'threshold', 'threshold.tier = account.tier')
    .andWhere('account.lifecycle = :customer', { customer: Lifecycle.CUSTOMER })
    // More than N whole days: at least N + 1 days ago.
    .andWhere(`${quietSince} <= now() - make_interval(days => coalesce(CAST(:minDays AS int), threshold.days) + 1)`, { minDays: limit })
    .select('account.id', 'id')
    .addSelect('account.tier', 'tier')
    .addSelect(last, 'last_interaction_at')
    .addSelect(quietSince, 'quiet_since')
    .addSelect('coalesce(CAST(:minDays AS int), threshold.days)', 'threshold_days');
  if (tier) qb.andWhere('account.tier = :tier', { tier });
  const [sql, params] = qb.getQueryAndParameters();
  const n = params.length;
  const [cursorAt, cursorId] = after ? decodeCursor(STALE_CURSORS, after) : [null, null];
  const rows: StaleRow[] =
    first === 0
      ? []
      : await ctx.db.query(
          `SELECT stale.*, ${daysSinceSql('stale.last_interaction_at')} AS days FROM (${sql}) stale
            WHERE $${n + 1}::timestamptz IS NULL OR (stale.quiet_since, stale.id) > ($${n + 1}::timestamptz, $${n + 2}::uuid)
            ORDER BY stale.quiet_since, stale.id
            LIMIT ${first + 1}`,
          [...params, cursorAt, cursorId],
        );
  const page = rows.slice(0, first);
  const accounts = await ctx.loaders.accountById.loadMany(page.map((row) => row.id));
  const edges = page.map((row, i) => ({
    cursor: encodeCursor(STALE_CURSORS, new Date(row.quiet_since), row.id),
    node: Object.assign(new StaleAccount(), {
      account: accounts[i] as Account,
      tier: row.tier,
      lastInteractionAt: row.last_interaction_at,
      daysSinceLastInteraction: row.last_interaction_at === null ? null : row.days,
      quietSince: row.quiet_since,
      thresholdDays: row.threshold_days,
    }),
  }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      total ??= ctx.db.query(`SELECT count(*)::int AS n FROM (${sql}) stale`, params).then((result: { n: number }[]) => result[0]!.n);
      return total;
    },
  };
}
