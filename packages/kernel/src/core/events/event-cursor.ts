import { BadUserInputError } from '../errors/bad-user-input.error';

/**
 * Event cursors (wire contract in docs/events.md): base64url of `ev1:<seq>`, where `seq` is the
 * event's position in its log as a decimal integer (0 ≤ seq < 2^63). `ev1` versions the format, so
 * a source with other positions (e.g. Redis stream ids) can introduce `ev2` and still refuse, or
 * translate, old cursors. Clients treat cursors as opaque and only compare them for equality.
 */
const PREFIX = 'ev1:';
const MAX_SEQ = 2n ** 63n - 1n;

/** The cursor of position `seq`. Position 0 is before the first event: its cursor means "the start of the log". */
export function encodeEventCursor(seq: bigint | number | string): string {
  const value = BigInt(seq);
  if (value < 0n || value > MAX_SEQ) throw new RangeError(`an event position must be 0 to 2^63-1, got ${value}`);
  return Buffer.from(`${PREFIX}${value}`).toString('base64url');
}

/** The position in `cursor`; anything else is BAD_USER_INPUT naming `field` (default `after`). */
export function decodeEventCursor(cursor: string, field = 'after'): bigint {
  const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^ev1:(0|[1-9]\d{0,18})$/.exec(decoded);
  if (match) {
    const value = BigInt(match[1]);
    if (value <= MAX_SEQ) return value;
  }
  throw BadUserInputError.field(field, `expected a cursor of this event stream (a \`cursor\` of an earlier event), got "${cursor.slice(0, 40)}"`);
}

/** Negative when `a` comes before `b`, 0 when equal, positive after; both must be valid cursors. */
export function compareEventCursors(a: string, b: string): number {
  const [x, y] = [decodeEventCursor(a), decodeEventCursor(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Refuses a resume cursor past the newest event (`head`): it cannot come from this log (another
 * database, a restored backup), and resuming from it would silently skip events.
 */
export function assertCursorNotAhead(after: string, head: string, field = 'after'): void {
  if (decodeEventCursor(after, field) > decodeEventCursor(head)) {
    throw BadUserInputError.field(field, 'is ahead of the newest event, so it does not come from this event stream; refetch the current state and subscribe without `after`');
  }
}
