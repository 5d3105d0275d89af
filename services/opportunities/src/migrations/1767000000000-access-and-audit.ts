import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Soft delete for deals, and the audit log of every change (the kernel's `AuditEntry`). */
export class AccessAndAudit1767000000000 implements MigrationInterface {
  name = 'AccessAndAudit1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE opportunities.opportunities ADD COLUMN deleted_at timestamptz(3)`);
    // REPs' reads filter on owner or team; most deals are live.
    await db.query(`CREATE INDEX opportunities_owner_live_idx ON opportunities.opportunities (owner_id) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX opportunities_team_live_idx ON opportunities.opportunities (team_id) WHERE deleted_at IS NULL`);
    await db.query(`
      CREATE TABLE opportunities.audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        changed_by_id uuid NOT NULL,
        changed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        changes jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON opportunities.audit_log (entity_type, entity_id, changed_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE opportunities.audit_log`);
    await db.query(`DROP INDEX opportunities.opportunities_team_live_idx`);
    await db.query(`DROP INDEX opportunities.opportunities_owner_live_idx`);
    await db.query(`ALTER TABLE opportunities.opportunities DROP COLUMN deleted_at`);
  }
}
