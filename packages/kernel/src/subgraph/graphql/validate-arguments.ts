import { validate, validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { BadUserInputError } from '../../core/errors/bad-user-input.error';
import { validationProblems } from '../../core/errors/format-error';

/** type-graphql's own defaults for class-validator: missing optional fields are not errors. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/**
 * Argument values found valid, per argument class (as JSON): the rules are plain class-validator
 * decorators, a function of the value alone, and clients send the same arguments again and again
 * (a page of 100 accounts asking for `contacts(first: 3)` sends `{ first: 3 }` a hundred times in
 * one request). Only valid values are kept, the oldest going first; an invalid one is checked, and
 * refused, every time.
 */
const validValues = new WeakMap<object, Set<string>>();
const VALID_VALUES_PER_TYPE = 1_000;

/**
 * The `validateFn` every subgraph schema uses. Same rules as type-graphql's built-in validation,
 * with two differences: class-validator is imported once instead of `require`d on every call, and
 * a value already found valid for its argument class is not validated again.
 */
export async function validateArguments(argValue: unknown, argType: unknown): Promise<void> {
  if (argValue === null || typeof argValue !== 'object') return;
  const key = JSON.stringify(argValue);
  const known = typeof argType === 'function' || (typeof argType === 'object' && argType !== null) ? validValues.get(argType as object) : undefined;
  if (known?.has(key)) return;
  try {
    const values = Array.isArray(argValue) ? argValue.filter((v) => v !== null && typeof v === 'object') : [argValue];
    await Promise.all(values.map((value) => validateOrReject(value as object, OPTIONS)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
  if (typeof argType !== 'function' && (typeof argType !== 'object' || argType === null)) return;
  let valid = known;
  if (!valid) validValues.set(argType as object, (valid = new Set()));
  if (valid.size >= VALID_VALUES_PER_TYPE) valid.delete(valid.values().next().value!);
  valid.add(key);
}

/**
 * Validates an input object now against its class-validator rules, for arguments type-graphql does
 * not check in time: a subscription's (it validates them per event, not when the subscription
 * starts). Resolves with an instance of `type`, or null for no value; BAD_USER_INPUT names each bad
 * field under `field` (e.g. `filter.accountId`).
 */
export async function validInput<T extends object>(type: new () => T, value: T | null | undefined, field: string): Promise<T | null> {
  if (value === null || value === undefined) return null;
  const instance = Object.assign(new type(), value);
  const problems = validationProblems(await validate(instance, OPTIONS), field);
  if (problems.length > 0) {
    throw BadUserInputError.of(problems);
  }
  return instance;
}
