import { DEVELOPMENT_JWT_SECRET, signToken, UserRole, type Principal } from '@crm/kernel';

/** Signing settings the test processes run with (the development defaults). */
export const TEST_TOKEN_SETTINGS = { secret: DEVELOPMENT_JWT_SECRET, issuer: 'crm', audience: 'crm-api' };

/** A valid bearer token for `principal` (default: an ADMIN with a fixed id). */
export function testToken(principal: Partial<Principal> = {}): Promise<string> {
  return signToken(
    {
      userId: principal.userId ?? '00000000-0000-4000-8000-000000000001',
      email: principal.email ?? 'test-admin@crm.example',
      role: principal.role ?? UserRole.ADMIN,
      teamId: principal.teamId ?? null,
    },
    TEST_TOKEN_SETTINGS,
  );
}
