import { ConfigError, type BaseConfig } from '../../core/config/base-config';
import { UserRole, type Principal } from '../../core/auth/principal';
import type { StreamSubscriber } from '../events/event-source';
import { signToken, type TokenSettings } from '../../core/auth/tokens';

/**
 * The principal a service acts as when it calls a sibling on its own behalf (event consumers, lookups):
 * a fixed id that is no person's, role ADMIN so it reads every event and record. Writes it makes
 * (e.g. onboarding tasks) name this id as `changedBy` in the audit trail; it is in no team and not
 * in `accounts.users`, so `changedBy { name }` resolves to null through the gateway.
 */
export const SYSTEM_PRINCIPAL: Readonly<Principal> = Object.freeze({
  userId: '5157e400-0000-4000-8000-000000000001',
  email: 'system@crm.internal',
  role: UserRole.ADMIN,
  teamId: null,
});

/** Whether an event stream is read by a sibling's consumer (the system principal) or by a client, for metrics. */
export function streamSubscriber(principal: Principal): StreamSubscriber {
  return principal.userId === SYSTEM_PRINCIPAL.userId ? 'service' : 'client';
}

/** A bearer token for {@link SYSTEM_PRINCIPAL}, fresh enough to open a connection or send a request. */
export type ServiceTokenSource = () => Promise<string>;

/** Lifetime of a minted service token: short, since a new one is minted for every reconnect. */
const MINTED_LIFETIME_S = 600;
/** A minted token is reused until this close to its expiry. */
const RENEW_BEFORE_S = 120;

/**
 * Where a service's own token comes from:
 * - JWKS mode (`JWKS_URL` set): tokens come from the identity provider, so `SERVICE_TOKEN` (a token
 *   the provider issued for the system principal, role ADMIN) is required and used as is;
 * - HS256 mode: a token for {@link SYSTEM_PRINCIPAL}, valid 10 minutes, minted with `JWT_SECRET` and
 *   minted anew when less than 2 minutes remain (each (re)connect asks again).
 * Throws ConfigError naming `SERVICE_TOKEN` when JWKS mode has none.
 */
export function serviceTokenSource(config: Pick<BaseConfig, 'JWKS_URL' | 'SERVICE_TOKEN'>, settings: TokenSettings, now: () => number = Date.now): ServiceTokenSource {
  if (config.JWKS_URL) {
    if (!config.SERVICE_TOKEN) {
      throw new ConfigError({
        SERVICE_TOKEN: 'must be set when JWKS_URL is set: this service calls its siblings (event consumers) with a token of the identity provider for the system principal (role ADMIN)',
      });
    }
    const token = config.SERVICE_TOKEN;
    return async () => token;
  }
  let minted: { token: string; expiresAt: number } | null = null;
  return async () => {
    if (!minted || minted.expiresAt - now() < RENEW_BEFORE_S * 1000) {
      const expiresAt = now() + MINTED_LIFETIME_S * 1000;
      minted = { token: await signToken(SYSTEM_PRINCIPAL, settings, `${MINTED_LIFETIME_S}s`), expiresAt };
    }
    return minted.token;
  };
}
