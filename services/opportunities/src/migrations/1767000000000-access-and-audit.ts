import { KERNEL_TABLES, sqlMigration } from '@crm/kernel/subgraph';

/** Soft delete for deals, and the audit log of every change (the kernel's `AuditEntry`). */
export class AccessAndAudit1767000000000 extends sqlMigration({
  up: [
    `ALTER TABLE opportunities.opportunities ADD COLUMN deleted_at timestamptz(3)`,
    // REPs' reads filter on owner or team; most deals are live.
    `CREATE INDEX opportunities_owner_live_idx ON opportunities.opportunities (owner_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX opportunities_team_live_idx ON opportunities.opportunities (team_id) WHERE deleted_at IS NULL`,
    ...KERNEL_TABLES.auditLogV1.up('opportunities'),
  ],
  down: [
    ...KERNEL_TABLES.auditLogV1.down('opportunities'),
    `DROP INDEX opportunities.opportunities_team_live_idx`,
    `DROP INDEX opportunities.opportunities_owner_live_idx`,
    `ALTER TABLE opportunities.opportunities DROP COLUMN deleted_at`,
  ],
}) {}
