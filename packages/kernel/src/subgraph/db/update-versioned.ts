import type { ObjectLiteral, Repository } from 'typeorm';
import { ConflictError } from '../../core/errors/conflict.error';
import { NotFoundError } from '../../core/errors/not-found.error';

/**
 * CONFLICT when the caller's `expectedVersion` (if any) is not the record's `currentVersion`: someone
 * else changed it since the caller read it. The one wording of a stale version, with the current one
 * in `extensions.currentVersion` so a client can reload and retry.
 */
export function assertExpectedVersion(typeName: string, id: string, expectedVersion: number | null | undefined, currentVersion: number): void {
  if (expectedVersion === undefined || expectedVersion === null || expectedVersion === currentVersion) return;
  throw staleVersion(typeName, id, expectedVersion, currentVersion);
}

function staleVersion(typeName: string, id: string, expectedVersion: number | null | undefined, currentVersion: number): ConflictError {
  return new ConflictError(`${typeName} ${id} was changed by someone else: expected version ${expectedVersion}, current version ${currentVersion}; reload and retry`, {
    currentVersion,
  });
}

/**
 * `UPDATE … WHERE id = $id AND version = $expected` and a check of the affected row count: the only
 * way to stop lost updates (TypeORM's `save` reads the version but does not guard the write).
 * Without `expectedVersion` the update is last-writer-wins. Returns the updated entity.
 */
export async function updateVersioned<E extends ObjectLiteral & { id: string; version: number }>(
  repository: Repository<E>,
  typeName: string,
  id: string,
  patch: object,
  expectedVersion?: number | null,
): Promise<E> {
  const query = repository.createQueryBuilder().update().set(patch as never).where('id = :id', { id });
  if (expectedVersion !== undefined && expectedVersion !== null) query.andWhere('version = :expectedVersion', { expectedVersion });
  const { affected } = await query.execute();
  const current = await repository.findOneBy({ id } as never);
  if (!current) throw new NotFoundError(typeName, id);
  if (!affected) throw staleVersion(typeName, id, expectedVersion, current.version);
  return current;
}
