import type { EntityManager } from 'typeorm';
import { AuditAction } from './audit-action.enum';

export interface SeededHistory {
  /** The audited type, as `RecordType.name` (e.g. `Account`). */
  entityType: string;
  /** The service's schema, where its audit log is. */
  schema: string;
  /** A FROM clause whose rows are aliased `record` (with `id`, `created_at`, `updated_at`); may join. */
  source: string;
  /** SQL for who wrote each record, e.g. `record.owner_id`. */
  actor: string;
}

/**
 * The audit entries a seed's records would have if they had been written through the API: a CREATE
 * by their owner when created, and an UPDATE when last changed (more than a second later). Their
 * `changes` are empty: the book knows who worked when, not each field's earlier values. Without
 * them, the demo CRM would look as if nobody had ever used it (crmAdoption counts the logs).
 */
export async function seedAuditTrail(manager: EntityManager, history: SeededHistory): Promise<void> {
  const { entityType, schema, source, actor } = history;
  await manager.query(
    `INSERT INTO ${schema}.audit_log (entity_type, entity_id, action, changed_by_id, changed_at, changes)
     SELECT $1, record.id, $2, ${actor}, record.created_at, '[]'::jsonb FROM ${source}
     UNION ALL
     SELECT $1, record.id, $3, ${actor}, record.updated_at, '[]'::jsonb FROM ${source} WHERE record.updated_at > record.created_at + interval '1 second'`,
    [entityType, AuditAction.CREATE, AuditAction.UPDATE],
  );
}
