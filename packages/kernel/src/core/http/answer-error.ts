import type { ServerResponse } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors/crm-error';
import { formatError, isUnexpectedError } from '../errors/format-error';

/** HTTP status of each public error code; anything else is 500. */
const STATUS: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Unavailable]: 503,
};

/**
 * An error as a plain HTTP answer: the status of its code and the GraphQL error shape clients
 * already parse, masked exactly like GraphQL errors (`formatError`), with the request id.
 */
export function errorResponse(error: unknown, requestId: string): { status: number; body: { errors: GraphQLFormattedError[] } } {
  const formatted = formatError(error instanceof GraphQLError ? error.toJSON() : { message: String((error as Error)?.message ?? error) }, error);
  const code = String(formatted.extensions?.code ?? ErrorCode.Internal);
  return { status: STATUS[code] ?? 500, body: { errors: [{ message: formatted.message, extensions: { ...formatted.extensions, requestId } }] } };
}

/** Writes `errorResponse(error)` when nothing was sent yet, else cuts the response short; logs what was unexpected. */
export function answerError(response: ServerResponse, error: unknown, requestId: string, logger: Logger): void {
  const unexpected = !(error instanceof GraphQLError) || isUnexpectedError(error);
  if (unexpected) logger.error({ err: error, requestId }, 'unexpected error in an HTTP route');
  if (response.headersSent) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  const { status, body } = errorResponse(error, requestId);
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}
