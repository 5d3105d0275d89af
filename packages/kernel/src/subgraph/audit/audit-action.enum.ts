import { registerEnumType } from 'type-graphql';

/** What happened to a record in one audited change. */
export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  RESTORE = 'RESTORE',
}

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What happened to a record in one audited change',
  valuesConfig: {
    CREATE: { description: 'The record was created; `changes` holds its first values' },
    UPDATE: { description: 'Fields of the record were changed' },
    DELETE: { description: 'The record was deleted (it can be restored)' },
    RESTORE: { description: 'A deleted record was brought back' },
  },
});
