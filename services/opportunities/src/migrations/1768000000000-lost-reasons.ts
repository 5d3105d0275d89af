import { sqlMigration } from '@crm/kernel/subgraph';

/**
 * The sales cycle (issue 4): a managed list of lost reasons, the reason (and a note) on a lost deal,
 * and on the stage history — the transactional outbox of `dealStageChanged` — whether a move reopened
 * a closed deal and why a LOST move was lost. Columns on the existing tables rather than new ones, so
 * `recordStageChange` still writes one row per change.
 */
export class LostReasons1768000000000 extends sqlMigration({
  up: [
    `
      CREATE TABLE opportunities.lost_reasons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (name = btrim(name) AND name <> ''),
        description text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
    // Names are unique among active reasons (case-insensitively); a deactivated name may be used again.
    `CREATE UNIQUE INDEX lost_reasons_active_name_idx ON opportunities.lost_reasons (lower(name)) WHERE active`,

    `
      ALTER TABLE opportunities.opportunities
        ADD COLUMN lost_reason_id uuid REFERENCES opportunities.lost_reasons (id),
        ADD COLUMN lost_reason_note text`,
    `
      ALTER TABLE opportunities.stage_changes
        ADD COLUMN reopened boolean NOT NULL DEFAULT false,
        ADD COLUMN lost_reason_id uuid REFERENCES opportunities.lost_reasons (id),
        ADD COLUMN lost_reason_note text`,
    // Earlier moves out of a WON or LOST stage into an OPEN one were reopenings too.
    `
      UPDATE opportunities.stage_changes change
         SET reopened = true
        FROM opportunities.stages from_stage
       WHERE from_stage.id = change.from_stage_id AND from_stage.kind IN ('WON', 'LOST') AND change.to_stage_kind = 'OPEN'`,

    // salesCycleStats: deals closed in a time window.
    `CREATE INDEX opportunities_closed_at_idx ON opportunities.opportunities (closed_at) WHERE closed_at IS NOT NULL AND deleted_at IS NULL`,
  ],
  down: [
    `DROP INDEX opportunities.opportunities_closed_at_idx`,
    `ALTER TABLE opportunities.stage_changes DROP COLUMN lost_reason_note, DROP COLUMN lost_reason_id, DROP COLUMN reopened`,
    `ALTER TABLE opportunities.opportunities DROP COLUMN lost_reason_note, DROP COLUMN lost_reason_id`,
    `DROP TABLE opportunities.lost_reasons`,
  ],
}) {}
