/** Socket-level failures reaching PostgreSQL (Node system error codes). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that mean the connection, not the statement, failed: 57P01 admin_shutdown (also what
 * `pg_terminate_backend` sends), 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300
 * too_many_connections; the whole class 08 (connection exceptions) is matched by prefix.
 */
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Messages node-postgres gives to connection failures that carry no code: a socket closed under a
 * query ("Connection terminated unexpectedly"), a pool checkout timeout, a client that already lost
 * its connection. They are the driver's own English, not PostgreSQL's (which may be localized).
 */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i;

interface Failure {
  code?: unknown;
  message?: unknown;
  severity?: unknown;
}

/** A PostgreSQL error reply (node-postgres `DatabaseError`): it has a SQLSTATE and a severity. */
function isServerError(error: Failure): boolean {
  return typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && typeof error.severity === 'string';
}

function isConnectionFailure(error: Failure): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (NETWORK_CODES.has(code) || CONNECTION_SQLSTATES.has(code) || (isServerError(error) && code.startsWith('08'))) return true;
  return typeof error.message === 'string' && DRIVER_MESSAGES.test(error.message);
}

/**
 * True when `error` means the database cannot be reached right now (refused, dropped or terminated
 * connections, pool checkout timeouts, a server that refuses new connections), so the request may
 * succeed when retried: the pool drops broken clients and opens new ones by itself.
 *
 * Any PostgreSQL error reply that is *not* wrapped in TypeORM's `QueryFailedError` was raised while
 * opening a connection (TypeORM wraps everything a statement raises), e.g. 55000 "database is not
 * currently accepting connections"; it counts too. Statement errors (constraint violations, syntax,
 * `query_timeout`) do not.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  // TypeORM's QueryFailedError, recognised by shape: the gateway formats errors with this function too and loads no ORM.
  if ((error as { name?: unknown }).name === 'QueryFailedError' && 'driverError' in error) {
    const driverError = (error as { driverError?: Failure }).driverError;
    return !!driverError && typeof driverError === 'object' && isConnectionFailure(driverError);
  }
  // Deliberately not following `cause`: a failed `fetch` to another service is a TypeError whose
  // cause is ECONNREFUSED too, and the gateway formats errors with this same function.
  return isConnectionFailure(error as Failure) || isServerError(error as Failure);
}
