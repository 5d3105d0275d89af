import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Soft delete for accounts and contacts, and the audit log of every change (the kernel's
 * `AuditEntry`). Neither table has a unique index a deleted record could block, so none changes.
 */
export class AccessAndAudit1767000000000 implements MigrationInterface {
  name = 'AccessAndAudit1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE accounts.accounts ADD COLUMN deleted_at timestamptz(3)`);
    await db.query(`ALTER TABLE accounts.contacts ADD COLUMN deleted_at timestamptz(3)`);
    await db.query(`
      CREATE TABLE accounts.audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        changed_by_id uuid NOT NULL,
        changed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        changes jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON accounts.audit_log (entity_type, entity_id, changed_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE accounts.audit_log`);
    await db.query(`ALTER TABLE accounts.contacts DROP COLUMN deleted_at`);
    await db.query(`ALTER TABLE accounts.accounts DROP COLUMN deleted_at`);
  }
}
