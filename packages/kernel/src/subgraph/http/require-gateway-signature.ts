import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../../core/errors/crm-error';
import { GATEWAY_SIGNATURE_HEADER, GATEWAY_TIMESTAMP_HEADER, verifyGatewayRequest } from '../../core/http/gateway-signature';

/** The body a subgraph answers (HTTP 401) to anything that does not carry the gateway's signature. */
export const UNSIGNED_REQUEST_BODY = {
  errors: [{ message: 'Requests must come through the gateway', extensions: { code: ErrorCode.Unauthenticated } }],
};

/** A request whose raw body `express.json({ verify: keepRawBody })` kept, to check signatures over the exact bytes. */
export type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

/** For `express.json({ verify })`: keeps the bytes the JSON was parsed from. */
export function keepRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as RawBodyRequest).rawBody = buf;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Refuses (401, before any resolver, so before any SQL) every request not signed by the gateway —
 * `_service` and `_entities` included: without this, anyone who can reach a subgraph could skip the
 * gateway's limits. Mount after `express.json({ verify: keepRawBody })`; the caller's own token is
 * verified afterwards, as before.
 */
export function requireGatewaySignature(secret: string, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const verdict = verifyGatewayRequest(
      secret,
      { method: req.method, path: req.originalUrl, body: (req as RawBodyRequest).rawBody ?? Buffer.alloc(0) },
      { timestamp: header(req.headers[GATEWAY_TIMESTAMP_HEADER]), signature: header(req.headers[GATEWAY_SIGNATURE_HEADER]) },
    );
    if (verdict.ok) return next();
    logger.warn({ reason: verdict.reason, method: req.method, path: req.originalUrl, remoteAddress: req.socket.remoteAddress }, 'refused a request not signed by the gateway');
    res.status(401).json(UNSIGNED_REQUEST_BODY);
  };
}
