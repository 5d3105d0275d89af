import { KERNEL_TABLES, kernelTableMigration } from '@crm/kernel/subgraph';

/**
 * `crmAdoption` reads the audit log by who wrote (`changed_by_id`) and when: the activities a person
 * logged in a window, and the last one they logged before it. The log's own index is by record, so
 * without this one every adoption query scanned the whole log; the activities log is the largest.
 */
export class AuditLogByActor1768400000000 extends kernelTableMigration('activities', KERNEL_TABLES.auditLogByActorV1) {}
