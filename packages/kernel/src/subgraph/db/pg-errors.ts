import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation (23505), e.g. a second user with the same e-mail. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}

/** A foreign key refused the write: e.g. a row still referenced by one a concurrent transaction just wrote. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23503';
}

/**
 * Runs `write`; a unique violation it raises is answered with `taken()` instead, e.g. a field error
 * saying which name is in use. The constraint is the only check that holds under concurrent writers,
 * so the writes let it refuse and translate its refusal here rather than looking first.
 */
export async function onUniqueViolation<T>(write: () => Promise<T>, taken: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
