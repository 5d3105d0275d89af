import { validate, validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { BadUserInputError } from '../../core/errors/bad-user-input.error';
import { validationProblems } from '../../core/errors/format-error';

/** type-graphql's own defaults for class-validator: missing optional fields are not errors. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** Argument values already validated in a request, keyed by the request's context object. */
const validatedInRequest = new WeakMap<object, Set<string>>();

/**
 * The `validateFn` every subgraph schema uses. Same rules as type-graphql's built-in validation,
 * with two differences that matter on nested lists: class-validator is imported once instead of
 * `require`d on every call, and an argument value is validated once per request, not once per
 * parent (a page of 100 accounts asking for `contacts(first: 3)` validates `{ first: 3 }` once).
 */
export async function validateArguments(argValue: unknown, argType: unknown, resolverData: { context: unknown }): Promise<void> {
  if (argValue === null || typeof argValue !== 'object') return;
  const context = resolverData.context;
  const key = `${(argType as { name?: string })?.name ?? ''}:${JSON.stringify(argValue)}`;
  const seen = typeof context === 'object' && context !== null ? validatedInRequest.get(context) : undefined;
  if (seen?.has(key)) return;
  try {
    const values = Array.isArray(argValue) ? argValue.filter((v) => v !== null && typeof v === 'object') : [argValue];
    await Promise.all(values.map((value) => validateOrReject(value as object, OPTIONS)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
  if (typeof context === 'object' && context !== null) {
    if (seen) seen.add(key);
    else validatedInRequest.set(context, new Set([key]));
  }
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
