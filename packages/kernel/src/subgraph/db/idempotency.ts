import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import { ConflictError } from '../../core/errors/conflict.error';

/**
 * How long a key is remembered. A retry after that is a new request; the expired row is deleted the
 * next time the same caller uses the same mutation with any key (see `claimIdempotencyKey`).
 */
export const IDEMPOTENCY_KEY_RETENTION = '24 hours';

/**
 * One mutation call that may carry an `idempotencyKey`. Keys are scoped per caller and per mutation:
 * two users, or one user's `createAccount` and `createContact`, may use the same key string.
 */
export interface IdempotentCall {
  /** The service's PostgreSQL schema, e.g. `accounts`; its `idempotency_keys` table holds the keys. */
  schema: string;
  /** The caller (`principal.userId`). */
  principalId: string;
  /** The mutation's name, e.g. `createAccount`. */
  operation: string;
  /** The client's key; null or undefined means no idempotency (today's behaviour). */
  key: string | null | undefined;
  /** The mutation's input; hashed without its `idempotencyKey` to tell a retry from a different request. */
  input: object;
}

/** The call of mutation `operation` by `principal` with `input` (its `idempotencyKey` is the key), in the service owning `schema`. */
export function idempotentCall(schema: string, principal: Principal, operation: string, input: { idempotencyKey?: string | null }): IdempotentCall {
  return { schema, principalId: principal.userId, operation, key: input.idempotencyKey, input };
}

/**
 * JSON with object keys sorted at every depth and `undefined` members left out, so the same input
 * always gives the same text whatever order the client wrote its fields in. `null` is kept (it is
 * not the same as absent); dates and other values with `toJSON` are serialised by it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return sortKeys((value as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}

/** sha256 (hex) of the canonical JSON of a mutation input, without its `idempotencyKey`. */
export function idempotencyRequestHash(input: object): string {
  const { idempotencyKey: _ignored, ...rest } = input as { idempotencyKey?: unknown };
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function keyReused(call: IdempotentCall): ConflictError {
  return new ConflictError(
    `idempotencyKey was already used with a different input for ${call.operation}: expected the same input as the first request with this key, ` +
      'got a different one; send a new key for a new request',
    { field: 'input.idempotencyKey' },
  );
}

interface KeyRow {
  request_hash: string;
  result_id: string | null;
}

/**
 * The id an earlier call with the same key produced, or null when the key is unused (or expired, or
 * absent). A key used with a different input is CONFLICT, naming `input.idempotencyKey`.
 * Outside a transaction it only sees committed calls: resolvers use it as a fast path before their
 * own checks, so a retry replays even when those checks would now fail (e.g. a stale `expectedVersion`).
 */
export async function findIdempotentResult(db: DataSource | EntityManager, call: IdempotentCall): Promise<string | null> {
  if (!call.key) return null;
  const rows: KeyRow[] = await db.query(
    `SELECT request_hash, result_id::text AS result_id FROM "${call.schema}".idempotency_keys
      WHERE principal_id = $1 AND operation = $2 AND key = $3 AND created_at >= now() - interval '${IDEMPOTENCY_KEY_RETENTION}'`,
    [call.principalId, call.operation, call.key],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.request_hash !== idempotencyRequestHash(call.input)) throw keyReused(call);
  // A row without a result is one this very transaction claimed and has not recorded yet.
  return row.result_id;
}

/**
 * First statement of the transaction that performs the write. Inserts the key row (`ON CONFLICT DO
 * NOTHING`): when another transaction holds the same key uncommitted, PostgreSQL makes this insert
 * wait for it, and once it commits the row is seen as a conflict. Returns
 * - null: the key is ours; do the write, then `recordIdempotentResult` in the same transaction
 *   (a rollback releases the key, so a failed attempt can be retried with it);
 * - an id: the write already happened; return that entity and write nothing;
 * or throws CONFLICT when the key was used with a different input.
 * Deletes this caller's expired keys of this mutation first (an index range scan on the primary key):
 * retention without a background job.
 */
export async function claimIdempotencyKey(manager: EntityManager, call: IdempotentCall): Promise<string | null> {
  if (!call.key) return null;
  const table = `"${call.schema}".idempotency_keys`;
  await manager.query(
    `DELETE FROM ${table} WHERE principal_id = $1 AND operation = $2 AND created_at < now() - interval '${IDEMPOTENCY_KEY_RETENTION}'`,
    [call.principalId, call.operation],
  );
  const inserted: unknown[] = await manager.query(
    `INSERT INTO ${table} (principal_id, operation, key, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (principal_id, operation, key) DO NOTHING RETURNING key`,
    [call.principalId, call.operation, call.key, idempotencyRequestHash(call.input)],
  );
  if (inserted.length === 1) return null;
  const earlier = await findIdempotentResult(manager, call);
  if (!earlier) throw new Error(`idempotency key of ${call.operation} conflicted on insert but has no committed result`);
  return earlier;
}

/** Stores the id the write produced, in the same transaction as the write and the claim. */
export async function recordIdempotentResult(manager: EntityManager, call: IdempotentCall, resultId: string): Promise<void> {
  if (!call.key) return;
  await manager.query(`UPDATE "${call.schema}".idempotency_keys SET result_id = $4 WHERE principal_id = $1 AND operation = $2 AND key = $3`, [
    call.principalId,
    call.operation,
    call.key,
    resultId,
  ]);
}

/** What an idempotent mutation did: replayed an earlier call with the same key (and wrote nothing), or wrote now. */
export type IdempotentOutcome<R> = { replayed: true; id: string } | { replayed: false; id: string; result: R };

export interface IdempotentSteps<P, R> {
  /** Checks and lookups before the write, outside the transaction; skipped when a committed call is replayed. Default: none. */
  prepare?: () => Promise<P>;
  /** The write, with `manager` only (no other connection: the transaction may wait on a key). */
  write: (manager: EntityManager, prepared: P) => Promise<R>;
  /** The id the key remembers: of the record the write created or changed. */
  resultId: (result: R) => string;
}

/**
 * The one shape of every mutation that may carry an idempotency key: replay a committed call, else
 * `prepare`, then in one transaction claim the key (a concurrent duplicate waits there until this
 * call commits, then replays), `write`, and store the key's result. A replay answers with the id the
 * first call produced; the caller reads the record as it is now. Without a key (or without a `call`:
 * a mutation that takes none), `prepare`, then `write` in a transaction.
 */
export async function runIdempotent<P, R>(db: DataSource, call: IdempotentCall | undefined, steps: IdempotentSteps<P, R>): Promise<IdempotentOutcome<R>> {
  const committed = call ? await findIdempotentResult(db, call) : null;
  if (committed) return { replayed: true, id: committed };
  const prepared = (await steps.prepare?.()) as P;
  return db.transaction(async (manager): Promise<IdempotentOutcome<R>> => {
    const earlier = call ? await claimIdempotencyKey(manager, call) : null;
    if (earlier) return { replayed: true, id: earlier };
    const result = await steps.write(manager, prepared);
    const id = steps.resultId(result);
    if (call) await recordIdempotentResult(manager, call, id);
    return { replayed: false, id, result };
  });
}

export interface IdempotentCreate<P> {
  /** Checks and lookups before the write, outside the transaction; skipped when a committed call is replayed. Default: none. */
  prepare?: () => Promise<P>;
  /** The write, with `manager` only (no other connection: the transaction may wait on a key), returning the new entity's id. */
  write: (manager: EntityManager, prepared: P) => Promise<string>;
}

/** A create mutation (`runIdempotent` whose write returns the new entity's id): the id, and whether it was replayed (nothing written). */
export async function runIdempotentCreate<P>(db: DataSource, call: IdempotentCall, steps: IdempotentCreate<P>): Promise<{ id: string; replayed: boolean }> {
  const { id, replayed } = await runIdempotent(db, call, { ...steps, resultId: (created: string) => created });
  return { id, replayed };
}
