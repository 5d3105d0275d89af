import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestIdFrom } from './request-id';

/**
 * Express's last error handler, for what fails before GraphQL sees the request: a body over the
 * size limit (413) or one that is not JSON (400). Answered as a GraphQL error with a request id,
 * instead of Express's HTML page, which in development carries a stack trace.
 */
export function bodyErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string; limit?: number }, req, res, next) => {
    if (res.headersSent) return next(error);
    const requestId = requestIdFrom(req.headers);
    const tooLarge = error.type === 'entity.too.large';
    const status = tooLarge ? 413 : error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = tooLarge
      ? `The request body is larger than the limit of ${error.limit} bytes`
      : status === 400
        ? 'The request body is not valid JSON'
        : status < 500
          ? 'The request could not be read'
          : 'Internal server error';
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    (status < 500 ? logger.warn : logger.error).call(logger, { err: error, requestId, status }, 'request body refused');
    res.status(status).json({ errors: [{ message, extensions: { code, requestId } }] });
  };
}
