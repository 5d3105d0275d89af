import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { DEVELOPMENT_GATEWAY_SIGNING_SECRET, type BaseConfig } from '../config/base-config';

/**
 * Proof that a subgraph request comes from the gateway: an HMAC-SHA256, keyed with
 * `GATEWAY_SIGNING_SECRET`, over the canonical string
 *
 *     `${timestamp}.${method}.${path}.${sha256hex(body)}`
 *
 * where `timestamp` is unix milliseconds, `method` the upper-case HTTP method, `path` the request
 * path with its query string (`/graphql`), and `body` the exact bytes sent. A graphql-ws connection
 * signs `${timestamp}.WS.${path}.` (no body: its operations travel inside the verified socket).
 * Both sides build the string here, so they cannot drift apart.
 */

/** HTTP header with the signing time in unix milliseconds. */
export const GATEWAY_TIMESTAMP_HEADER = 'x-crm-gateway-timestamp';
/** HTTP header with the hex HMAC-SHA256 of the canonical string. */
export const GATEWAY_SIGNATURE_HEADER = 'x-crm-gateway-signature';
/** How far a signature's timestamp may be from the verifier's clock, either way. */
export const GATEWAY_SIGNATURE_TOLERANCE_MS = 60_000;

/** What is signed about a request. */
export interface GatewaySignedRequest {
  /** `POST`, `GET`, or `WS` for a graphql-ws connection. */
  method: string;
  /** Path and query string, e.g. `/graphql`. */
  path: string;
  /** The exact body sent; absent for WebSocket connections. */
  body?: string | Uint8Array;
}

/** The two values a signed request carries (as headers, or as `connectionParams.gatewaySignature`). */
export interface GatewaySignature {
  timestamp: string;
  signature: string;
}

export type GatewaySignatureVerdict = { ok: true } | { ok: false; reason: string };

/** The string both sides sign; see the module comment. */
export function canonicalGatewayRequest(timestamp: string, request: GatewaySignedRequest): string {
  const bodyHash = request.body === undefined ? '' : createHash('sha256').update(request.body).digest('hex');
  return `${timestamp}.${request.method.toUpperCase()}.${request.path}.${bodyHash}`;
}

function hmac(secret: string, timestamp: string, request: GatewaySignedRequest): string {
  return createHmac('sha256', secret).update(canonicalGatewayRequest(timestamp, request)).digest('hex');
}

/** Signs `request` as the gateway, at `now` (unix ms, default the clock). */
export function signGatewayRequest(secret: string, request: GatewaySignedRequest, now: number = Date.now()): GatewaySignature {
  const timestamp = String(now);
  return { timestamp, signature: hmac(secret, timestamp, request) };
}

/** Checks that `signature` is the gateway's for `request` and was made within ±60 s of `now`. */
export function verifyGatewayRequest(
  secret: string,
  request: GatewaySignedRequest,
  signed: Partial<GatewaySignature> | null | undefined,
  now: number = Date.now(),
): GatewaySignatureVerdict {
  const timestamp = signed?.timestamp;
  const signature = signed?.signature;
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !timestamp || !signature) {
    return { ok: false, reason: 'no gateway signature' };
  }
  if (!/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: `expected a unix-ms timestamp, got "${timestamp.slice(0, 20)}"` };
  const skew = Math.abs(now - Number(timestamp));
  if (skew > GATEWAY_SIGNATURE_TOLERANCE_MS) return { ok: false, reason: `timestamp is ${skew} ms away from now (at most ${GATEWAY_SIGNATURE_TOLERANCE_MS})` };
  const expected = Buffer.from(hmac(secret, timestamp, request), 'hex');
  const given = /^[0-9a-f]+$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}

/** The two HTTP headers for a signed request. */
export function gatewaySignatureHeaders(signed: GatewaySignature): Record<string, string> {
  return { [GATEWAY_TIMESTAMP_HEADER]: signed.timestamp, [GATEWAY_SIGNATURE_HEADER]: signed.signature };
}

/** `connectionParams` key of a graphql-ws connection's signature. */
export const GATEWAY_CONNECTION_PARAM = 'gatewaySignature';

/** `{ gatewaySignature: { timestamp, signature } }` for a graphql-ws connection to `path` (e.g. `/graphql`). */
export function gatewayConnectionParams(secret: string, path: string, now: number = Date.now()): { [GATEWAY_CONNECTION_PARAM]: GatewaySignature } {
  return { [GATEWAY_CONNECTION_PARAM]: signGatewayRequest(secret, { method: 'WS', path }, now) };
}

/** Checks a graphql-ws connection's `connectionParams.gatewaySignature` for `path` (the upgrade request's URL). */
export function verifyGatewayConnection(
  secret: string,
  path: string,
  connectionParams: Record<string, unknown> | null | undefined,
  now: number = Date.now(),
): GatewaySignatureVerdict {
  const signed = connectionParams?.[GATEWAY_CONNECTION_PARAM];
  return verifyGatewayRequest(secret, { method: 'WS', path }, signed && typeof signed === 'object' ? (signed as Partial<GatewaySignature>) : undefined, now);
}

/** The signing secret from config; falls back to the development secret with a loud warning. */
export function gatewaySigningSecret(config: Pick<BaseConfig, 'GATEWAY_SIGNING_SECRET'>, logger?: Logger): string {
  if (!config.GATEWAY_SIGNING_SECRET) {
    logger?.warn(
      'GATEWAY_SIGNING_SECRET is not set: using the DEVELOPMENT secret. Anyone can call the subgraphs as the gateway. Set GATEWAY_SIGNING_SECRET outside development.',
    );
  }
  return config.GATEWAY_SIGNING_SECRET || DEVELOPMENT_GATEWAY_SIGNING_SECRET;
}
