import { KERNEL_TABLES } from '@crm/kernel/subgraph';
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
    await KERNEL_TABLES.auditLogV1.up(db, 'accounts');
  }

  async down(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.auditLogV1.down(db, 'accounts');
    await db.query(`ALTER TABLE accounts.contacts DROP COLUMN deleted_at`);
    await db.query(`ALTER TABLE accounts.accounts DROP COLUMN deleted_at`);
  }
}
