import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './crm-error';
import { invalidInputMessage, type FieldProblem } from './bad-user-input.error';
import { isDatabaseUnavailable } from './database-unavailable';
import { ServiceUnavailableError } from './service-unavailable.error';

/** Codes produced by GraphQL or Apollo themselves that are safe to pass to clients as they are. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** The shape of class-validator's `ValidationError` (type-graphql puts them in `extensions.validationErrors`). */
export interface ValidationError {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationError[];
}

/** Flattens class-validator's nested errors into `field: rule message` pairs. */
export function validationProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: `${message} (rule: ${rule})`,
    }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}

/**
 * Apollo `formatError`: keeps the message and code of errors meant for clients, answers a lost
 * database connection with SERVICE_UNAVAILABLE (`retryable: true`), and replaces everything else by
 * a generic message (the request plugin logs the detail with the request id). No stack traces, SQL
 * or host names ever leave the process.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error) as { extensions?: Record<string, unknown> } | undefined;
  const code = formatted.extensions?.code as string | undefined;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  const validationErrors = original?.extensions?.validationErrors as ValidationError[] | undefined;
  if (validationErrors) {
    const problems = validationProblems(validationErrors);
    return {
      ...base,
      message: invalidInputMessage(problems),
      extensions: { code: ErrorCode.BadUserInput, problems },
    };
  }
  if (isDatabaseUnavailable(original)) {
    // Recognised here, once, rather than in every resolver: the driver's own message (host, SQL) is dropped.
    const unavailable = new ServiceUnavailableError('The database is temporarily unreachable; retry shortly');
    return { ...base, message: unavailable.message, extensions: { ...unavailable.extensions } };
  }
  if (code && PUBLIC_CODES.has(code) && code !== ErrorCode.Internal) {
    // The gateway names the subgraph an error came from (serviceName): internal topology, never shown.
    const { stacktrace: _s, exception: _e, serviceName: _n, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions };
  }
  // The request plugin adds the request id afterwards, to this and every other error.
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.Internal } };
}

/** True for errors we did not mean to show: they are masked for the client and logged in full. */
export function isUnexpectedError(error: { extensions?: Record<string, unknown> }): boolean {
  const code = error.extensions?.code as string | undefined;
  if (error.extensions?.validationErrors) return false;
  return !code || !PUBLIC_CODES.has(code) || code === ErrorCode.Internal;
}
