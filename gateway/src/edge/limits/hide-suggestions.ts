import type { GraphQLFormattedError } from 'graphql';
import { VALIDATION_FAILED } from './limit-error';

/** Codes whose messages graphql-js decorates with suggestions (unknown fields, arguments, enum values in variables). */
const SUGGESTING_CODES = new Set<unknown>([VALIDATION_FAILED, 'BAD_USER_INPUT']);

// graphql-js appends suggestions as ` Did you mean "a", "b", or "c"?` (also `Did you mean to use an inline fragment on "X"?`).
const SUGGESTION = /\s*Did you mean .*\?$/s;

/**
 * Drops graphql-js's "Did you mean …?" from validation messages: in production they let anyone
 * discover field names one typo at a time, even with introspection off.
 */
export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  if (!SUGGESTING_CODES.has(error.extensions?.code) || !SUGGESTION.test(error.message)) return error;
  return { ...error, message: error.message.replace(SUGGESTION, '') };
}
