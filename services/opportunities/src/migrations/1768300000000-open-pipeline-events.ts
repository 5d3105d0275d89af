import { drops, eventLogTable, sqlMigration } from '@crm/kernel/subgraph';

/**
 * The durable log of `openPipelineChanged` (docs/events.md): one row each time a write changes an
 * account's open pipeline (its live deals in OPEN stages), written in the same transaction as the
 * write (a transactional outbox), with the account's open pipeline recomputed in SQL:
 * - `open_pipeline`: the totals per currency, `[{ currency, amount }]`, currencies never added up;
 * - `shares`: the same per deal owner, team and currency, `[{ ownerId, teamId, currency, amount }]`,
 *   so a consumer can apply the deals' read rule (a REP reads their own and their team's deals).
 * `seq` comes from a sequence that writers take under one advisory lock, so seq order is commit order.
 *
 * Backfill: one BACKFILL row per account that has open deals now, so a consumer starting from the
 * beginning of the log learns every account's open pipeline. (The demo seed, which loads deals after
 * migrating, writes the same rows itself.)
 */
export class OpenPipelineEvents1768300000000 extends sqlMigration({
  up: [
    ...eventLogTable(
      'opportunities',
      'open_pipeline_events',
      [
        'account_id uuid NOT NULL',
        'opportunity_id uuid',
        `change text NOT NULL CHECK (change IN ('CREATED', 'CHANGED', 'DELETED', 'RESTORED', 'BACKFILL'))`,
        'open_pipeline jsonb NOT NULL',
        'shares jsonb NOT NULL',
      ],
      ['account_id'],
    ),
    `
      WITH shares AS (
        SELECT deal.account_id, deal.owner_id, deal.team_id, deal.currency, sum(deal.amount) AS amount
          FROM opportunities.opportunities deal
          JOIN opportunities.stages stage ON stage.id = deal.stage_id
         WHERE deal.deleted_at IS NULL AND stage.kind = 'OPEN'
         GROUP BY deal.account_id, deal.owner_id, deal.team_id, deal.currency
      ),
      totals AS (SELECT account_id, currency, sum(amount) AS amount FROM shares GROUP BY account_id, currency)
      INSERT INTO opportunities.open_pipeline_events (account_id, change, open_pipeline, shares)
      SELECT account.account_id, 'BACKFILL',
             (SELECT jsonb_agg(jsonb_build_object('currency', t.currency, 'amount', t.amount::text) ORDER BY t.currency)
                FROM totals t WHERE t.account_id = account.account_id),
             (SELECT jsonb_agg(jsonb_build_object('ownerId', s.owner_id, 'teamId', s.team_id, 'currency', s.currency, 'amount', s.amount::text)
                               ORDER BY s.currency, s.owner_id, s.team_id)
                FROM shares s WHERE s.account_id = account.account_id)
        FROM (SELECT DISTINCT account_id FROM shares) account
       ORDER BY account.account_id`,
  ],
  down: drops('opportunities', { tables: ['open_pipeline_events'] }),
}) {}
