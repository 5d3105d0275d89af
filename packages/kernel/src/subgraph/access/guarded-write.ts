import type { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from '../audit/audit-action.enum';
import { auditChanges, recordAudit } from '../audit/audit-log';
import { UserRole, type Principal } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/require-role';
import { ConflictError } from '../../core/errors/conflict.error';
import { ForbiddenError } from '../../core/errors/forbidden.error';
import { NotFoundError } from '../../core/errors/not-found.error';
import { SUPERVISING_ROLES, WRITING_ROLES } from './access-policy';
import type { GuardedEntity, RecordType } from './record-type';
import { isUuid } from '../../core/ids/is-uuid';

const ALIAS = 'guarded';
function staleVersion(type: string, id: string, expected: number, current: number): ConflictError {
  return new ConflictError(`${type} ${id} was changed by someone else: expected version ${expected}, current version ${current}; reload and retry`, {
    currentVersion: current,
  });
}

function refused(principal: Principal, type: string, id: string, what: string): ForbiddenError {
  return new ForbiddenError(`As ${principal.role} you may not ${what} ${type} ${id}`);
}

export interface LockOptions {
  expectedVersion?: number | null;
  /** Lock a deleted record (to restore it) instead of a live one. */
  deleted?: boolean;
  /** For the refusal message, e.g. "change" or "delete". */
  what: string;
}

/**
 * In `manager`'s transaction, locks record `id` for writing. A record the caller may not read (or
 * that does not exist, or is deleted) is NOT_FOUND, with no hint that it exists; one they read but
 * may not write is FORBIDDEN; a stale `expectedVersion` is CONFLICT. Read and write conditions are
 * SQL in the locking query.
 */
export async function lockForWrite<E extends GuardedEntity>(
  manager: EntityManager,
  type: RecordType<E>,
  principal: Principal,
  id: string,
  options: LockOptions,
): Promise<E> {
  // A role that writes nothing is refused before anything is looked up: FORBIDDEN whatever the id.
  requireRole(principal, WRITING_ROLES, `${options.what} ${type.name} records`);
  if (!isUuid(id)) throw new NotFoundError(type.name, id);
  const read = type.access(principal, 'read', ALIAS);
  const write = type.access(principal, 'write', ALIAS);
  const query = manager.getRepository(type.entity).createQueryBuilder(ALIAS);
  if (options.deleted) query.withDeleted().where(`${ALIAS}.deletedAt IS NOT NULL`);
  const { entities, raw } = await query
    .andWhere(`${ALIAS}.id = :guardedId`, { guardedId: id })
    .andWhere(read.sql, read.params)
    .addSelect(`(${write.sql})`, 'guarded_writable')
    .setParameters({ ...read.params, ...write.params, guardedId: id })
    .setLock('pessimistic_write')
    .getRawAndEntities();
  const current = entities[0];
  if (!current) throw new NotFoundError(type.name, id);
  if (!raw[0].guarded_writable) throw refused(principal, type.name, id, options.what);
  const expected = options.expectedVersion;
  if (expected !== undefined && expected !== null && expected !== current.version) throw staleVersion(type.name, id, expected, current.version);
  return current;
}

/**
 * Refuses (FORBIDDEN, rolling the transaction back) a write whose result the caller could not write
 * again: a MANAGER moving a deal out of their team, a REP sharing a deal with another team.
 * New records pass through it too, so one can only create what one may then change.
 */
export async function assertStillWritable<E extends GuardedEntity>(
  manager: EntityManager,
  type: RecordType<E>,
  principal: Principal,
  id: string,
  what: string,
): Promise<void> {
  const write = type.access(principal, 'write', ALIAS);
  const writable = await manager
    .getRepository(type.entity)
    .createQueryBuilder(ALIAS)
    .withDeleted()
    .where(`${ALIAS}.id = :guardedId`, { guardedId: id })
    .andWhere(write.sql, write.params)
    .getExists();
  if (!writable) throw new ForbiddenError(`As ${principal.role} you may not ${what} ${type.name} ${id}: you could not change it afterwards`);
}

/** After inserting record `id` in `manager`'s transaction: checks the caller may write it and records its creation. */
export async function auditCreated<E extends GuardedEntity>(manager: EntityManager, type: RecordType<E>, principal: Principal, id: string): Promise<E> {
  await assertStillWritable(manager, type, principal, id, 'create');
  const created = await manager.getRepository(type.entity).findOneByOrFail({ id } as never);
  const changes = auditChanges(type.audited, null, created);
  await recordAudit(manager, { entityType: type.name, entityId: id, action: AuditAction.CREATE, changedById: principal.userId, changes });
  return created;
}

/** After changing a locked record in `manager`'s transaction: re-checks write access and records what changed. */
export async function auditChanged<E extends GuardedEntity>(
  manager: EntityManager,
  type: RecordType<E>,
  principal: Principal,
  before: E,
  action: AuditAction,
): Promise<E> {
  await assertStillWritable(manager, type, principal, before.id, 'change');
  const after = await manager.getRepository(type.entity).findOneOrFail({ where: { id: before.id } as never, withDeleted: true });
  await recordAudit(manager, { entityType: type.name, entityId: before.id, action, changedById: principal.userId, changes: auditChanges([...type.audited, 'deletedAt'], before, after) });
  return after;
}

/** Optional work of the guarded writes, in their transaction. */
export interface GuardedWriteHooks<E> {
  /**
   * Runs first, before the record is locked: e.g. an advisory lock that makes one kind of change wait
   * for the others (taken before any row lock, so they queue there instead of deadlocking on each
   * other's rows), then a check that must see what the writers before it committed. A throw rolls the
   * write back.
   */
  beforeLock?: (manager: EntityManager) => Promise<void>;
  /**
   * Runs after the write and its audit entry, before commit, with the record before and after:
   * e.g. an outbox event or a follow-up record. A throw rolls the whole write back.
   */
  afterWrite?: (manager: EntityManager, before: E, after: E) => Promise<void>;
}

/**
 * The one shape of every guarded change, in one transaction: the caller's `beforeLock`, lock and check
 * (`lockForWrite`), `UPDATE` with `set` (which bumps the version), re-check and audit as `action`, then
 * the caller's `afterWrite`.
 */
function writeLocked<E extends GuardedEntity>(
  db: DataSource,
  type: RecordType<E>,
  principal: Principal,
  id: string,
  lock: LockOptions,
  set: object,
  action: AuditAction,
  hooks: GuardedWriteHooks<E>,
): Promise<E> {
  return db.transaction(async (manager) => {
    await hooks.beforeLock?.(manager);
    const before = await lockForWrite(manager, type, principal, id, lock);
    if (Object.keys(set).length === 0) return before;
    await manager.getRepository(type.entity).createQueryBuilder().update().set(set as never).where('id = :id', { id }).execute();
    const after = await auditChanged(manager, type, principal, before, action);
    await hooks.afterWrite?.(manager, before, after);
    return after;
  });
}

/** The write path of every plain update (`writeLocked`). An empty patch changes nothing. */
export function updateRecord<E extends GuardedEntity>(
  db: DataSource,
  type: RecordType<E>,
  principal: Principal,
  id: string,
  patch: object,
  expectedVersion?: number | null,
  hooks: GuardedWriteHooks<E> = {},
): Promise<E> {
  return writeLocked(db, type, principal, id, { expectedVersion, what: 'change' }, patch, AuditAction.UPDATE, hooks);
}

/**
 * Soft delete: the record vanishes from lists, lookups, `_entities` and events (TypeORM leaves rows
 * with `deletedAt` out of every query) but stays in the database, with its audit trail, for restore.
 */
export function deleteRecord<E extends GuardedEntity>(
  db: DataSource,
  type: RecordType<E>,
  principal: Principal,
  id: string,
  expectedVersion?: number | null,
  hooks: GuardedWriteHooks<E> = {},
): Promise<E> {
  return writeLocked(db, type, principal, id, { expectedVersion, what: 'delete' }, { deletedAt: () => 'now()' }, AuditAction.DELETE, hooks);
}

/** Brings a deleted record back; ADMIN, or a MANAGER for a record they may write. */
export function restoreRecord<E extends GuardedEntity>(
  db: DataSource,
  type: RecordType<E>,
  principal: Principal,
  id: string,
  hooks: GuardedWriteHooks<E> = {},
): Promise<E> {
  requireRole(principal, SUPERVISING_ROLES, `restore deleted ${type.name} records`);
  return writeLocked(db, type, principal, id, { deleted: true, what: 'restore' }, { deletedAt: null }, AuditAction.RESTORE, hooks);
}
