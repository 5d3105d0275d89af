import { BadUserInputError } from '../errors/bad-user-input.error';
import type { GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO, GraphQLLocalDate } from '../graphql/custom-scalars';
import { isUuid } from '../ids/is-uuid';

/**
 * A cursor is the sort value and id of the item it points at, so a page resumes exactly there
 * even when rows are inserted before it. Opaque to clients: base64url of a JSON triple
 * `[list, sortValue, id]`, where `list` names the list and its order (e.g. `account.name ASC`).
 * Everything in a cursor comes back from the client, so `decodeCursor` checks every part before
 * any of it reaches SQL: a cursor of another list or order, or one whose values were edited, is
 * refused with BAD_USER_INPUT naming `after`.
 */
export type CursorValue = string | number;

/** What the sort value of a list is, as the database returns it. */
export type CursorKind = 'timestamp' | 'date' | 'decimal' | 'integer' | 'text';

/** Which list a cursor belongs to, and the kind of its sort value. */
export interface CursorSpec {
  list: string;
  kind: CursorKind;
}

/** Longer than any cursor we issue (a sort value of a few hundred characters at most). */
const MAX_CURSOR_LENGTH = 2048;
const DECIMAL = /^-?\d{1,40}(\.\d{1,20})?$/;

/** Whether `value` parses with `scalar`: the same check the API applies to such values. */
function parses(scalar: GraphQLScalarType<unknown, unknown>, value: unknown): boolean {
  try {
    scalar.parseValue(value);
    return true;
  } catch {
    return false;
  }
}

const VALID: Record<CursorKind, (value: unknown) => boolean> = {
  timestamp: (value) => typeof value === 'string' && parses(GraphQLDateTimeISO, value),
  date: (value) => typeof value === 'string' && parses(GraphQLLocalDate, value),
  decimal: (value) => typeof value === 'string' && DECIMAL.test(value),
  integer: (value) => typeof value === 'number' && Number.isSafeInteger(value),
  text: (value) => typeof value === 'string' && !value.includes('\u0000'),
};

export function encodeCursor(spec: CursorSpec, value: unknown, id: string): string {
  const sortValue = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([spec.list, sortValue, id])).toString('base64url');
}

/** The sort value and id of a cursor `spec`'s list issued; anything else is BAD_USER_INPUT naming `field`. */
export function decodeCursor(spec: CursorSpec, cursor: string, field = 'after'): [CursorValue, string] {
  const decoded = parsedCursor(cursor);
  if (decoded && decoded[0] === spec.list && VALID[spec.kind](decoded[1]) && isUuid(decoded[2])) {
    return [decoded[1] as CursorValue, decoded[2] as string];
  }
  throw BadUserInputError.field(field, `expected a cursor of this list in this order (an edge's \`cursor\` or \`pageInfo.endCursor\`), got "${cursor.slice(0, 40)}"`);
}

function parsedCursor(cursor: string): unknown[] | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(decoded) && decoded.length === 3 ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** The cursor kind of a TypeORM column type (a constructor such as `Date`, or a PostgreSQL type name). */
export function cursorKindOfColumn(type: unknown): CursorKind {
  if (type === Date) return 'timestamp';
  if (type === Number) return 'integer';
  switch (typeof type === 'string' ? type.toLowerCase() : '') {
    case 'timestamptz':
    case 'timestamp':
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'timestamp';
    case 'date':
      return 'date';
    case 'numeric':
    case 'decimal':
      return 'decimal';
    case 'int':
    case 'int4':
    case 'integer':
    case 'smallint':
      return 'integer';
    default:
      return 'text';
  }
}
