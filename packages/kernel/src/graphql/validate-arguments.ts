import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

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
