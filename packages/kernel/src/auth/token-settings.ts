import type { Logger } from 'pino';
import { DEVELOPMENT_JWT_SECRET, type BaseConfig } from '../config/base-config';
import type { TokenSettings } from './tokens';

/** Token settings from config; falls back to the development secret with a loud warning. */
export function tokenSettings(config: Pick<BaseConfig, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>, logger?: Logger): TokenSettings {
  if (!config.JWT_SECRET) {
    logger?.warn('JWT_SECRET is not set: using the DEVELOPMENT secret. Anyone can mint tokens. Set JWT_SECRET outside development.');
  }
  return { secret: config.JWT_SECRET || DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
}
