import { BadUserInputError } from '../../core/errors/bad-user-input.error';

/** In an update input, null clears a field; for fields that cannot be empty that is a client error. */
export function rejectNulls<T extends object>(input: T, keys: (keyof T & string)[], prefix = 'input'): void {
  const bad = keys.filter((key) => input[key] === null);
  if (bad.length > 0) {
    throw new BadUserInputError(
      `Invalid input: ${bad.map((key) => `${prefix}.${key}: cannot be null`).join('; ')}`,
      bad.map((key) => ({ field: `${prefix}.${key}`, message: 'cannot be null' })),
    );
  }
}

/** Copies the keys of `input` that are present (not undefined), for a partial update. */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
