import { KERNEL_TABLES, sqlMigration } from '@crm/kernel/subgraph';

/**
 * Access rules, soft delete and the audit log (the kernel's `AuditEntry`):
 * - `team_id`: the team an activity is shared with (a team of the accounts service); REPs of that team
 *   read and write it. Activities that existed before get none: this service cannot read the accounts
 *   service's tables to find their owners' teams.
 * - `deleted_at`: set by `deleteActivity`, cleared by `restoreActivity`.
 */
export class AccessAndAudit1767000000000 extends sqlMigration({
  up: [
    `ALTER TABLE activities.activities ADD COLUMN team_id uuid, ADD COLUMN deleted_at timestamptz(3)`,
    // A REP's timeline is their own activities and their team's, newest first (owner_id has its index already).
    `CREATE INDEX activities_team_id_timeline_idx ON activities.activities (team_id, timeline_at DESC, id DESC)`,
    ...KERNEL_TABLES.auditLogV1.up('activities'),
  ],
  down: [
    ...KERNEL_TABLES.auditLogV1.down('activities'),
    `DROP INDEX activities.activities_team_id_timeline_idx`,
    `ALTER TABLE activities.activities DROP COLUMN deleted_at, DROP COLUMN team_id`,
  ],
}) {}
