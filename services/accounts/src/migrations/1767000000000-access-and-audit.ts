import { KERNEL_TABLES, sqlMigration } from '@crm/kernel/subgraph';

/**
 * Soft delete for accounts and contacts, and the audit log of every change (the kernel's
 * `AuditEntry`). Neither table has a unique index a deleted record could block, so none changes.
 */
export class AccessAndAudit1767000000000 extends sqlMigration({
  up: [
    `ALTER TABLE accounts.accounts ADD COLUMN deleted_at timestamptz(3)`,
    `ALTER TABLE accounts.contacts ADD COLUMN deleted_at timestamptz(3)`,
    ...KERNEL_TABLES.auditLogV1.up('accounts'),
  ],
  down: [
    ...KERNEL_TABLES.auditLogV1.down('accounts'),
    `ALTER TABLE accounts.contacts DROP COLUMN deleted_at`,
    `ALTER TABLE accounts.accounts DROP COLUMN deleted_at`,
  ],
}) {}
