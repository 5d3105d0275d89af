import { randomUUID } from 'node:crypto';
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

/** Someone new with `role` in `teamId`, for tests that need several people: `testPrincipal(UserRole.REP, teamA)`. */
export function testPrincipal(role: UserRole, teamId: string | null = null): Principal {
  const userId = randomUUID();
  return { userId, email: `${role.toLowerCase()}-${userId.slice(0, 8)}@crm.example`, role, teamId };
}

/** A token for each of `principals`, under the same keys. */
export async function testTokens<K extends string>(principals: Record<K, Principal>): Promise<Record<K, string>> {
  const keys = Object.keys(principals) as K[];
  const tokens = await Promise.all(keys.map((key) => testToken(principals[key])));
  return Object.fromEntries(keys.map((key, i) => [key, tokens[i]])) as Record<K, string>;
}
