import { createRemoteJWKSet } from 'jose';
import type { Logger } from 'pino';
import { DEVELOPMENT_JWT_SECRET, type BaseConfig } from '../config/base-config';
import type { TokenSettings } from './tokens';

/**
 * Token settings from config. With `JWKS_URL`, tokens are verified against that remote key set
 * (RS256/ES256; jose caches the keys and refetches when it meets an unknown `kid`) and HS256 is
 * refused. Without it, HS256 with `JWT_SECRET`, falling back to the development secret with a loud
 * warning. Call once per process: each call makes its own key cache.
 */
export function tokenSettings(
  config: Pick<BaseConfig, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'> & Partial<Pick<BaseConfig, 'JWKS_URL'>>,
  logger?: Logger,
): TokenSettings {
  const base = { secret: config.JWT_SECRET || DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  if (config.JWKS_URL) {
    logger?.info({ jwksUrl: config.JWKS_URL }, 'bearer tokens are verified against the JWKS (RS256/ES256); HS256 tokens are refused');
    return { ...base, jwks: createRemoteJWKSet(new URL(config.JWKS_URL)) };
  }
  if (!config.JWT_SECRET) {
    logger?.warn('JWT_SECRET is not set: using the DEVELOPMENT secret. Anyone can mint tokens. Set JWT_SECRET (or JWKS_URL) outside development.');
  }
  return base;
}
