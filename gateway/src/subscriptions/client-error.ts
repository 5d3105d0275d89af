import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';

/** The gateway's error formatter, the same one Apollo applies over HTTP (masking, codes, no stack). */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * One error as a client receives it over HTTP. Apollo hands `formatError` the error's JSON with a
 * code (INTERNAL_SERVER_ERROR when it has none) and without the `http` extension, which sets the
 * status of an HTTP response and means nothing on a socket; this does the same for errors that
 * never pass through Apollo: refusals and failures on the WebSocket, and errors of subscription
 * events (a subgraph's own formatted errors included).
 */
export function clientError(error: GraphQLError | GraphQLFormattedError, formatError: FormatError): GraphQLFormattedError {
  const { extensions, ...rest } = error instanceof GraphQLError ? error.toJSON() : error;
  const { http: _status, ...kept } = extensions ?? {};
  return formatError({ ...rest, extensions: { ...kept, code: kept.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
}

/**
 * A result as it goes on the socket. Its errors were formatted where they arose (Apollo formats
 * those of queries and mutations, the subscription engine those of its events, once for every
 * subscriber) unless they are still GraphQLErrors, which are formatted here. graphql-ws would call
 * `toJSON()` on every error, which formatted ones do not have: it would close the socket with 4500
 * and end every other operation on it.
 */
export function clientResult(result: FormattedExecutionResult | { errors?: readonly (GraphQLError | GraphQLFormattedError)[] }, formatError: FormatError): FormattedExecutionResult {
  if (!result.errors) return result as FormattedExecutionResult;
  return { ...result, errors: result.errors.map((error) => (error instanceof GraphQLError ? clientError(error, formatError) : error)) };
}
