import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import type { Access, SqlCondition } from './access-policy';

/** A record that may be soft-deleted: its entity has a `@DeleteDateColumn() deletedAt`. */
export type GuardedEntity = ObjectLiteral & { id: string; version: number; deletedAt: Date | null };

/**
 * What the kernel needs to guard, audit and soft-delete one type of record. Each service declares
 * one per owned type next to its entity (e.g. `OPPORTUNITY_RECORD`).
 */
export interface RecordType<E extends GuardedEntity> {
  entity: EntityTarget<E>;
  /** The GraphQL type name; also the audit log's `entity_type`. */
  name: string;
  /** Entity properties whose changes the audit trail records. */
  audited: readonly (keyof E & string)[];
  /** The caller's read or write condition over the record under `alias` (see `accessCondition`). */
  access(principal: Principal, access: Access, alias: string): SqlCondition;
}
