import { KERNEL_TABLES } from '@crm/kernel/subgraph';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `crmAdoption` counts the records each person created and updated in a window from the audit log,
 * by who wrote (`changed_by_id`) and when. The log's own index is by record, so without this one
 * every adoption query scanned the whole log.
 */
export class AuditLogByActor1768400000000 implements MigrationInterface {
  name = 'AuditLogByActor1768400000000';

  async up(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.auditLogByActorV1.up(db, 'opportunities');
  }

  async down(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.auditLogByActorV1.down(db, 'opportunities');
  }
}
