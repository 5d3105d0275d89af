import type { EntityManager } from 'typeorm';
import { AuditAction } from './audit-action.enum';
import { AuditEntry, type AuditChange } from './audit-entry.entity';

/** Values as the trail shows them: text, dates in ISO 8601, null for none. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The audited fields whose text differs between `before` and `after` (either may be absent). */
export function auditChanges<E extends object>(fields: readonly (keyof E & string)[], before: E | null, after: E | null): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const from = before ? asText(before[field]) : null;
    const to = after ? asText(after[field]) : null;
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: AuditAction;
  changedById: string;
  changes: AuditChange[];
}

/** Appends one entry to the service's audit log, inside the caller's transaction. An UPDATE that changed nothing is not recorded. */
export async function recordAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  if (record.action === AuditAction.UPDATE && record.changes.length === 0) return;
  await manager.insert(AuditEntry, record);
}
