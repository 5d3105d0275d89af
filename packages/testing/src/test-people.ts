import { randomUUID } from 'node:crypto';
import type { Principal, UserRole } from '@crm/kernel';
import { testPrincipal, testTokens } from './test-token';

/** A person's part: their role, or their role and the name of their team in the cast. */
export type Part<T extends string> = `${UserRole}` | readonly [role: `${UserRole}`, team: T];

/** The people of an access test, each a fresh user (see `testPeople`). */
export interface TestPeople<K extends string, T extends string> {
  principals: Record<K, Principal>;
  /** The id of each team named in the cast. */
  teams: Record<T, string>;
  /** Everyone's bearer token, once `sign` has run. */
  tokens: Record<K, string>;
  /** The user id of `who`. */
  id(who: K): string;
  /** Signs everyone's token (asynchronous, hence apart: call it in a `beforeAll`). */
  sign(): Promise<void>;
}

/**
 * A cast for access tests: `testPeople({ admin: 'ADMIN', repA: ['REP', 'A'], repB: ['REP', 'B'] })` gives
 * each person a fresh user id; the people who name the same team share its fresh id, so nothing is
 * left over from another test file.
 */
export function testPeople<K extends string, T extends string = never>(cast: Record<K, Part<T>>): TestPeople<K, T> {
  const teams = {} as Record<T, string>;
  const principals = {} as Record<K, Principal>;
  for (const who of Object.keys(cast) as K[]) {
    const part = cast[who];
    const [role, team] = typeof part === 'string' ? [part, undefined] : part;
    if (team !== undefined) teams[team] ??= randomUUID();
    principals[who] = testPrincipal(role as UserRole, team === undefined ? null : teams[team]);
  }
  const tokens = {} as Record<K, string>;
  return {
    principals,
    teams,
    tokens,
    id: (who) => principals[who].userId,
    sign: async () => void Object.assign(tokens, await testTokens(principals)),
  };
}
