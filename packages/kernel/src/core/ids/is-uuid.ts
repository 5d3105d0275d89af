const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every id of ours is a UUID. An id that is not one names nothing, and comparing it with a uuid
 * column would make PostgreSQL refuse the whole statement: check with this before any SQL.
 */
export function isUuid(id: unknown): boolean {
  return typeof id === 'string' && UUID.test(id);
}
