import { KERNEL_TABLES } from '@crm/kernel/subgraph';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `crmAdoption` reads the audit log by who wrote (`changed_by_id`) and when: the activities a person
 * logged in a window, and the last one they logged before it. The log's own index is by record, so
 * without this one every adoption query scanned the whole log; the activities log is the largest.
 */
export class AuditLogByActor1768400000000 implements MigrationInterface {
  name = 'AuditLogByActor1768400000000';

  async up(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.auditLogByActorV1.up(db, 'activities');
  }

  async down(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.auditLogByActorV1.down(db, 'activities');
  }
}
