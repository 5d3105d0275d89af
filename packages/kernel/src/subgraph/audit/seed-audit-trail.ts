import type { EntityManager } from 'typeorm';
import type { GuardedEntity, RecordType } from '../access/record-type';
import { AuditAction } from './audit-action.enum';

export interface SeededHistory {
  /** SQL for who wrote each record (the type's table is aliased `record`), e.g. `record.owner_id`. */
  actor: string;
  /** Joins `actor` needs, e.g. the account of a contact: `JOIN accounts.accounts account ON account.id = record.account_id`. */
  join?: string;
}

/**
 * The audit entries a seed's records of `type` would have if they had been written through the API:
 * a CREATE by their owner when created, and an UPDATE when last changed (more than a second later).
 * Their `changes` are empty: the book knows who worked when, not each field's earlier values. Without
 * them, the demo CRM would look as if nobody had ever used it (crmAdoption counts the logs). The
 * entries go to the audit log in the schema of the type's table.
 */
export async function seedAuditTrail<E extends GuardedEntity>(manager: EntityManager, type: RecordType<E>, history: SeededHistory): Promise<void> {
  const { schema, tablePath } = manager.getRepository(type.entity).metadata;
  const source = history.join ? `${tablePath} record ${history.join}` : `${tablePath} record`;
  const { actor } = history;
  await manager.query(
    `INSERT INTO ${schema}.audit_log (entity_type, entity_id, action, changed_by_id, changed_at, changes)
     SELECT $1, record.id, $2, ${actor}, record.created_at, '[]'::jsonb FROM ${source}
     UNION ALL
     SELECT $1, record.id, $3, ${actor}, record.updated_at, '[]'::jsonb FROM ${source} WHERE record.updated_at > record.created_at + interval '1 second'`,
    [type.name, AuditAction.CREATE, AuditAction.UPDATE],
  );
}
