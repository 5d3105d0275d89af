import { Directive, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { SUPERVISING_ROLES } from '../access/access-policy';
import type { Principal, UserRole } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/require-role';
import { SortDirection } from '../graphql/sort-direction.enum';
import { Connection, type ConnectionData } from '../pagination/connection.type';
import type { PageRequest } from '../pagination/page-args';
import { paginate } from '../pagination/paginate';
import { AuditEntry } from './audit-entry.entity';

@Directive('@shareable')
@ObjectType({ description: 'A page of audit entries, newest first' })
export class AuditEntryConnection extends Connection(AuditEntry, { shareable: true }) {}

/** The audit trail of one record, newest first; ADMIN and MANAGER only. */
export function auditTrail(db: DataSource, principal: Principal, entityType: string, entityId: string, page: PageRequest): Promise<ConnectionData<AuditEntry>> {
  requireRole(principal, SUPERVISING_ROLES, 'read audit trails');
  const qb = db
    .getRepository(AuditEntry)
    .createQueryBuilder('entry')
    .where('entry.entityType = :entityType AND entry.entityId = :entityId', { entityType, entityId });
  return paginate(qb, { property: 'changedAt', direction: SortDirection.DESC }, page);
}

