import { graphqlEnum, type EnumValue } from '../graphql/graphql-enum';

/** What happened to a record in one audited change. */
export const AuditAction = graphqlEnum('AuditAction', 'What happened to a record in one audited change', {
  CREATE: 'The record was created; `changes` holds its first values',
  UPDATE: 'Fields of the record were changed',
  DELETE: 'The record was deleted (it can be restored)',
  RESTORE: 'A deleted record was brought back',
});
export type AuditAction = EnumValue<typeof AuditAction>;
