import { KERNEL_TABLES, kernelTableMigration } from '@crm/kernel/subgraph';

/**
 * `crmAdoption` counts the records each person created and updated in a window from the audit log,
 * by who wrote (`changed_by_id`) and when. The log's own index is by record, so without this one
 * every adoption query scanned the whole log.
 */
export class AuditLogByActor1768400000000 extends kernelTableMigration('accounts', KERNEL_TABLES.auditLogByActorV1) {}
