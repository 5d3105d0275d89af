import { BadUserInputError } from '../errors/bad-user-input.error';

/**
 * A cursor is the sort value and id of the item it points at, so a page resumes exactly there
 * even when rows are inserted before it. Opaque to clients: base64url of a JSON pair.
 */
export type CursorValue = string | number;

export function encodeCursor(value: unknown, id: string): string {
  const sortValue = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [CursorValue, string] {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      (typeof decoded[0] === 'string' || typeof decoded[0] === 'number') &&
      typeof decoded[1] === 'string'
    ) {
      return decoded as [CursorValue, string];
    }
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.field('after', `is not a cursor from this list (got "${cursor.slice(0, 40)}")`);
}
