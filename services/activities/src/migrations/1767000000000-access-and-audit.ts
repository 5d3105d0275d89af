import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access rules, soft delete and the audit log (the kernel's `AuditEntry`):
 * - `team_id`: the team an activity is shared with (a team of the accounts service); REPs of that team
 *   read and write it. Activities that existed before get none: this service cannot read the accounts
 *   service's tables to find their owners' teams.
 * - `deleted_at`: set by `deleteActivity`, cleared by `restoreActivity`.
 */
export class AccessAndAudit1767000000000 implements MigrationInterface {
  name = 'AccessAndAudit1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities.activities ADD COLUMN team_id uuid, ADD COLUMN deleted_at timestamptz(3)`);
    // A REP's timeline is their own activities and their team's, newest first (owner_id has its index already).
    await db.query(`CREATE INDEX activities_team_id_timeline_idx ON activities.activities (team_id, timeline_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE activities.audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        changed_by_id uuid NOT NULL,
        changed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        changes jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON activities.audit_log (entity_type, entity_id, changed_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE activities.audit_log`);
    await db.query(`DROP INDEX activities.activities_team_id_timeline_idx`);
    await db.query(`ALTER TABLE activities.activities DROP COLUMN deleted_at, DROP COLUMN team_id`);
  }
}
