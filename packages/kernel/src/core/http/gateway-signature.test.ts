import {
  canonicalGatewayRequest,
  gatewayConnectionParams,
  gatewaySigningSecret,
  signGatewayRequest,
  verifyGatewayConnection,
  verifyGatewayRequest,
} from './gateway-signature';
import { DEVELOPMENT_GATEWAY_SIGNING_SECRET, readConfig } from '../config/base-config';

const secret = 'a-gateway-signing-secret-for-tests';
const now = 1_764_000_000_000;
const request = { method: 'POST', path: '/graphql', body: JSON.stringify({ query: '{ _service { sdl } }', variables: {} }) };

describe('gateway request signatures', () => {
  it('are built over timestamp, method, path and the SHA-256 of the exact body', () => {
    expect(canonicalGatewayRequest('1', { method: 'post', path: '/graphql', body: '' })).toBe(
      '1.POST./graphql.e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(canonicalGatewayRequest('1', { method: 'WS', path: '/graphql' })).toBe('1.WS./graphql.');
  });

  it('accept a valid signature, from a string body or its bytes, within 60 seconds either way', () => {
    const signed = signGatewayRequest(secret, request, now);
    expect(signed.timestamp).toBe(String(now));
    expect(signed.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyGatewayRequest(secret, request, signed, now)).toEqual({ ok: true });
    expect(verifyGatewayRequest(secret, { ...request, body: Buffer.from(request.body) }, signed, now + 60_000)).toEqual({ ok: true });
    expect(verifyGatewayRequest(secret, request, signed, now - 60_000)).toEqual({ ok: true });
  });

  it('refuse a tampered body, method or path', () => {
    const signed = signGatewayRequest(secret, request, now);
    for (const tampered of [
      { ...request, body: request.body.replace('_service { sdl }', '_entities(representations: []) { __typename }') },
      { ...request, body: `${request.body} ` },
      { ...request, method: 'GET' },
      { ...request, path: '/graphql?x=1' },
    ]) {
      expect(verifyGatewayRequest(secret, tampered, signed, now)).toEqual({ ok: false, reason: 'signature does not match' });
    }
  });

  it('refuse a signature made with another secret', () => {
    const signed = signGatewayRequest('another-secret', request, now);
    expect(verifyGatewayRequest(secret, request, signed, now)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuse a stale or future timestamp, even with a valid signature for it', () => {
    expect(verifyGatewayRequest(secret, request, signGatewayRequest(secret, request, now - 60_001), now)).toMatchObject({ ok: false, reason: expect.stringMatching(/60001 ms away/) });
    expect(verifyGatewayRequest(secret, request, signGatewayRequest(secret, request, now + 61_000), now)).toMatchObject({ ok: false });
  });

  it('refuse missing headers, a malformed timestamp and a malformed signature', () => {
    const signed = signGatewayRequest(secret, request, now);
    expect(verifyGatewayRequest(secret, request, undefined, now)).toEqual({ ok: false, reason: 'no gateway signature' });
    expect(verifyGatewayRequest(secret, request, { timestamp: signed.timestamp }, now)).toEqual({ ok: false, reason: 'no gateway signature' });
    expect(verifyGatewayRequest(secret, request, { signature: signed.signature }, now)).toEqual({ ok: false, reason: 'no gateway signature' });
    expect(verifyGatewayRequest(secret, request, { ...signed, timestamp: '1e12' }, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/unix-ms timestamp/) });
    expect(verifyGatewayRequest(secret, request, { ...signed, signature: 'zz' + signed.signature.slice(2) }, now)).toMatchObject({ ok: false });
    expect(verifyGatewayRequest(secret, request, { ...signed, signature: signed.signature.slice(0, 32) }, now)).toMatchObject({ ok: false });
  });
});

describe('gateway connection signatures (graphql-ws)', () => {
  it('accept connection params signed for the path and refuse them for another path, secret or time', () => {
    const params = gatewayConnectionParams(secret, '/graphql', now);
    expect(verifyGatewayConnection(secret, '/graphql', { authorization: 'Bearer x', ...params }, now)).toEqual({ ok: true });
    expect(verifyGatewayConnection(secret, '/other', params, now)).toMatchObject({ ok: false });
    expect(verifyGatewayConnection('another-secret', '/graphql', params, now)).toMatchObject({ ok: false });
    expect(verifyGatewayConnection(secret, '/graphql', params, now + 120_000)).toMatchObject({ ok: false });
  });

  it('refuse connections without a signature or with a malformed one', () => {
    expect(verifyGatewayConnection(secret, '/graphql', { authorization: 'Bearer x' }, now)).toEqual({ ok: false, reason: 'no gateway signature' });
    expect(verifyGatewayConnection(secret, '/graphql', { gatewaySignature: 'yes' }, now)).toEqual({ ok: false, reason: 'no gateway signature' });
    expect(verifyGatewayConnection(secret, '/graphql', undefined, now)).toEqual({ ok: false, reason: 'no gateway signature' });
  });
});

describe('GATEWAY_SIGNING_SECRET', () => {
  it('falls back to the development secret with a warning when unset', () => {
    const warn = jest.fn();
    expect(gatewaySigningSecret({ GATEWAY_SIGNING_SECRET: '' }, { warn } as never)).toBe(DEVELOPMENT_GATEWAY_SIGNING_SECRET);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/GATEWAY_SIGNING_SECRET is not set/));
    expect(gatewaySigningSecret({ GATEWAY_SIGNING_SECRET: 'set' }, { warn } as never)).toBe('set');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('is required when NODE_ENV=production', () => {
    expect(() => readConfig({ NODE_ENV: 'production', JWT_SECRET: 'x' }, {})).toThrow(/GATEWAY_SIGNING_SECRET: must be set/);
    expect(readConfig({ NODE_ENV: 'production', JWT_SECRET: 'x', GATEWAY_SIGNING_SECRET: 'y' }, {}).GATEWAY_SIGNING_SECRET).toBe('y');
  });
});
