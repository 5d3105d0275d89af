import { eventLogIndexes, sqlMigration } from '@crm/kernel/subgraph';

/**
 * Makes the stage history the durable event log of `dealStageChanged` (docs/events.md):
 * - `seq`, a position from a sequence that writers take under one advisory lock, so seq order is
 *   commit order and a reader that has seen seq N has seen everything before it;
 * - snapshot columns of the deal at the time of the change, so each subscriber's authorization and
 *   filter are one indexed SQL predicate per read, without joins;
 * - `opportunities.team_id`: the team a deal belongs to (a team of the accounts service).
 */
/** The log's filters (and REP authorization columns), each indexed with seq. */
const FILTERED = ['pipeline_id', 'account_id', 'owner_id', 'team_id', 'to_stage_kind'];

export class StageChangeEvents1765000000000 extends sqlMigration({
  up: [
    // Deals that existed before have no team: this service cannot read the accounts service's tables to find one.
    `ALTER TABLE opportunities.opportunities ADD COLUMN team_id uuid`,
    `CREATE INDEX opportunities_team_id_idx ON opportunities.opportunities (team_id, id)`,

    `CREATE SEQUENCE opportunities.stage_changes_seq AS bigint`,
    `
      ALTER TABLE opportunities.stage_changes
        ADD COLUMN seq bigint,
        ADD COLUMN pipeline_id uuid,
        ADD COLUMN account_id uuid,
        ADD COLUMN owner_id uuid,
        ADD COLUMN team_id uuid,
        ADD COLUMN to_stage_kind opportunities.stage_kind`,
    // The history so far, in the order it happened.
    `
      UPDATE opportunities.stage_changes change
         SET seq = ordered.seq
        FROM (SELECT id, row_number() OVER (ORDER BY changed_at, id) AS seq FROM opportunities.stage_changes) ordered
       WHERE change.id = ordered.id`,
    `SELECT setval('opportunities.stage_changes_seq', coalesce((SELECT max(seq) FROM opportunities.stage_changes), 0) + 1, false)`,
    // Older changes get the deal as it is now: nothing else was recorded.
    `
      UPDATE opportunities.stage_changes change
         SET pipeline_id = deal.pipeline_id, account_id = deal.account_id, owner_id = deal.owner_id, team_id = deal.team_id, to_stage_kind = stage.kind
        FROM opportunities.opportunities deal, opportunities.stages stage
       WHERE deal.id = change.opportunity_id AND stage.id = change.to_stage_id`,
    `
      ALTER TABLE opportunities.stage_changes
        ALTER COLUMN seq SET DEFAULT nextval('opportunities.stage_changes_seq'),
        ALTER COLUMN seq SET NOT NULL,
        ALTER COLUMN pipeline_id SET NOT NULL,
        ALTER COLUMN account_id SET NOT NULL,
        ALTER COLUMN owner_id SET NOT NULL,
        ALTER COLUMN to_stage_kind SET NOT NULL`,
    `ALTER SEQUENCE opportunities.stage_changes_seq OWNED BY opportunities.stage_changes.seq`,
    // seq unique, then one per filter, each ending in seq: `… AND seq > $n ORDER BY seq`.
    ...eventLogIndexes('opportunities', 'stage_changes', FILTERED),
  ],
  down: [
    ...FILTERED.map((column) => `DROP INDEX opportunities.stage_changes_${column}_seq_idx`),
    `DROP INDEX opportunities.stage_changes_seq_idx`,
    `
      ALTER TABLE opportunities.stage_changes
        DROP COLUMN seq,
        DROP COLUMN pipeline_id,
        DROP COLUMN account_id,
        DROP COLUMN owner_id,
        DROP COLUMN team_id,
        DROP COLUMN to_stage_kind`,
    // Dropping the column dropped the sequence it owns; IF EXISTS in case ownership was never set.
    `DROP SEQUENCE IF EXISTS opportunities.stage_changes_seq`,
    `DROP INDEX opportunities.opportunities_team_id_idx`,
    `ALTER TABLE opportunities.opportunities DROP COLUMN team_id`,
  ],
}) {}
