import { KERNEL_TABLES } from '@crm/kernel/subgraph';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Soft delete for deals, and the audit log of every change (the kernel's `AuditEntry`). */
export class AccessAndAudit1767000000000 implements MigrationInterface {
  name = 'AccessAndAudit1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE opportunities.opportunities ADD COLUMN deleted_at timestamptz(3)`);
    // REPs' reads filter on owner or team; most deals are live.
    await db.query(`CREATE INDEX opportunities_owner_live_idx ON opportunities.opportunities (owner_id) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX opportunities_team_live_idx ON opportunities.opportunities (team_id) WHERE deleted_at IS NULL`);
    await KERNEL_TABLES.auditLogV1.up(db, 'opportunities');
  }

  async down(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.auditLogV1.down(db, 'opportunities');
    await db.query(`DROP INDEX opportunities.opportunities_team_live_idx`);
    await db.query(`DROP INDEX opportunities.opportunities_owner_live_idx`);
    await db.query(`ALTER TABLE opportunities.opportunities DROP COLUMN deleted_at`);
  }
}
