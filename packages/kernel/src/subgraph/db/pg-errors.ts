import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation (23505), e.g. a second user with the same e-mail. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}

/** A foreign key refused the write: e.g. a row still referenced by one a concurrent transaction just wrote. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23503';
}
