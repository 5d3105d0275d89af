import type DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import { NotFoundError } from '../../core/errors/not-found.error';
import { auditCreated, deleteRecord, restoreRecord, updateRecord, type GuardedWriteHooks } from '../access/guarded-write';
import type { GuardedEntity, RecordType } from '../access/record-type';
import { idempotentCall, runIdempotentCreate } from './idempotency';

/** What the commands of a record type need of a request's context. */
export interface CommandContext {
  db: DataSource;
  principal: Principal;
}

/** How a record is created, besides what every create does (key, access check, audit, reload). */
export interface RecordCreation<E, P> {
  /** Checks and lookups before the write, outside the transaction; skipped when a committed call is replayed. */
  prepare?: () => Promise<P>;
  /** Inserts the record, with `manager` only (the transaction may wait on the key), and returns its id. */
  insert: (manager: EntityManager, prepared: P) => Promise<string>;
  /** In the same transaction, once the record passed `auditCreated`: outbox rows and follow-ups of the new record. */
  afterCreate?: (manager: EntityManager, created: E) => Promise<void>;
}

export interface RecordCommandsOptions<E, C> {
  /** The service's PostgreSQL schema, where its idempotency keys are. */
  schema: string;
  /** The request's loader of the type (`readableByIdLoader`): a create answers through it, every write refreshes it. */
  loader: (ctx: C) => DataLoader<string, E | null>;
  /** Other reads of the request that a write of `record` makes stale (e.g. a deal's stage history). */
  forget?: (ctx: C, record: E) => void;
}

/**
 * The writes of one guarded record type, bound to the request's loader of that type, so that every
 * service creates, changes, deletes and restores its records the same way: through the kernel's
 * guarded writes, in one transaction each, and leaving no stale record in the request's cache for the
 * mutations after it.
 */
export interface RecordCommands<E, C> {
  /** The record as the caller may read it now, or NOT_FOUND. */
  load(ctx: C, id: string): Promise<E>;
  /**
   * `create<Type>`: idempotent with `input.idempotencyKey` (the key scoped to `operation`); the insert,
   * the check that the caller may write what they created and its audit entry in one transaction; then
   * the record as the caller reads it now (a replay may find it deleted since: NOT_FOUND).
   */
  create<P = void>(ctx: C, operation: string, input: { idempotencyKey?: string | null }, steps: RecordCreation<E, P>): Promise<E>;
  /** `updateRecord`: an empty patch changes nothing. */
  update(ctx: C, id: string, patch: object, expectedVersion?: number | null, hooks?: GuardedWriteHooks<E>): Promise<E>;
  /** `deleteRecord`: a soft delete. */
  delete(ctx: C, id: string, expectedVersion?: number | null, hooks?: GuardedWriteHooks<E>): Promise<E>;
  /** `restoreRecord`. */
  restore(ctx: C, id: string, hooks?: GuardedWriteHooks<E>): Promise<E>;
  /** Drops what the request has cached of `record`, after a write of it that went another way. */
  forget(ctx: C, record: E): void;
  /** `forget`, then caches `record` as written: after a write that went another way and left it live. */
  written(ctx: C, record: E): E;
}

export function recordCommands<E extends GuardedEntity, C extends CommandContext>(type: RecordType<E>, options: RecordCommandsOptions<E, C>): RecordCommands<E, C> {
  const forget = (ctx: C, record: E): void => {
    options.loader(ctx).clear(record.id);
    options.forget?.(ctx, record);
  };
  const written = (ctx: C, record: E): E => {
    forget(ctx, record);
    options.loader(ctx).prime(record.id, record);
    return record;
  };
  const load = async (ctx: C, id: string): Promise<E> => {
    const record = await options.loader(ctx).load(id);
    if (!record) throw new NotFoundError(type.name, id);
    return record;
  };
  return {
    load,
    async create(ctx, operation, input, steps) {
      const { id } = await runIdempotentCreate(ctx.db, idempotentCall(options.schema, ctx.principal, operation, input), {
        prepare: steps.prepare,
        write: async (manager, prepared) => {
          const id = await steps.insert(manager, prepared);
          // Refuses (rolling back) what the caller could not change afterwards, e.g. a MANAGER's record for another team.
          const created = await auditCreated(manager, type, ctx.principal, id);
          await steps.afterCreate?.(manager, created);
          return id;
        },
      });
      const created = await load(ctx, id);
      options.forget?.(ctx, created);
      return created;
    },
    update: async (ctx, id, patch, expectedVersion, hooks) => written(ctx, await updateRecord(ctx.db, type, ctx.principal, id, patch, expectedVersion, hooks)),
    async delete(ctx, id, expectedVersion, hooks) {
      const deleted = await deleteRecord(ctx.db, type, ctx.principal, id, expectedVersion, hooks);
      forget(ctx, deleted);
      return deleted;
    },
    restore: async (ctx, id, hooks) => written(ctx, await restoreRecord(ctx.db, type, ctx.principal, id, hooks)),
    forget,
    written,
  };
}
