import { drops, eventLogTable, sqlMigration } from '@crm/kernel/subgraph';

/**
 * The durable log of `interactionLogged` (docs/events.md): one row each time an account's
 * interactions (CALL, MEETING, EMAIL, FEEDBACK) change, written in the same transaction as the
 * change (a transactional outbox), with the account's last and next interaction recomputed in SQL.
 * `seq` comes from a sequence that writers take under one advisory lock, so seq order is commit order.
 * `owner_id`/`team_id` are the activity's at the time, for the subscribers' read rule.
 *
 * Backfill: one row per account that already has interactions, so a consumer starting from the
 * beginning of the log learns every account's state. (The demo seed, which loads activities after
 * migrating, writes the same rows itself.)
 */
export class InteractionEvents1768200000001 extends sqlMigration({
  up: [
    ...eventLogTable(
      'activities',
      'interaction_events',
      [
        'account_id uuid NOT NULL',
        'activity_id uuid',
        `change text NOT NULL CHECK (change IN ('LOGGED', 'CHANGED', 'DELETED', 'RESTORED', 'BACKFILL'))`,
        'owner_id uuid',
        'team_id uuid',
        'last_interaction_at timestamptz(3)',
        'next_interaction_at timestamptz(3)',
      ],
      ['account_id', 'owner_id', 'team_id'],
    ),
    // The recomputation each write does: an account's live interactions by time.
    `
      CREATE INDEX activities_interactions_idx ON activities.activities (account_id, occurred_at)
      WHERE deleted_at IS NULL AND type IN ('CALL', 'MEETING', 'EMAIL', 'FEEDBACK')`,
    // Feedback summaries: an account's scored and commented feedback.
    `
      CREATE INDEX activities_feedback_idx ON activities.activities (account_id, occurred_at DESC, id DESC)
      WHERE deleted_at IS NULL AND type = 'FEEDBACK'`,
    `
      INSERT INTO activities.interaction_events (account_id, change, last_interaction_at, next_interaction_at)
      SELECT account_id, 'BACKFILL',
             max(occurred_at) FILTER (WHERE occurred_at <= statement_timestamp()),
             min(occurred_at) FILTER (WHERE occurred_at > statement_timestamp())
        FROM activities.activities
       WHERE account_id IS NOT NULL AND deleted_at IS NULL AND type IN ('CALL', 'MEETING', 'EMAIL', 'FEEDBACK')
       GROUP BY account_id
       ORDER BY account_id`,
  ],
  down: drops('activities', { indexes: ['activities_feedback_idx', 'activities_interactions_idx'], tables: ['interaction_events'] }),
}) {}
