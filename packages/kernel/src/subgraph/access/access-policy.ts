import type { Principal } from '../../core/auth/principal';
import { UserRole } from '../../core/auth/principal';
import { ForbiddenError } from '../../core/errors/forbidden.error';
import { isUuid } from '../../core/ids/is-uuid';

/**
 * The two kinds of records people own, which differ in who reads them:
 * - `customer`: accounts and contacts. Everyone reads them; writing is the owner's (a MANAGER's for
 *   the team's owners, an ADMIN's for all).
 * - `dealWork`: opportunities and activities. ADMIN, MANAGER and ANALYST read all; a REP reads and
 *   writes their own and those shared with their team; a MANAGER writes their own and their team's.
 * - `marketingAsset`: saved segments. Everyone reads them; the creator (`owner` column) changes their
 *   own, a MANAGER or ADMIN any. They hold no customer data, only rules over it.
 * ANALYSTs write nothing. The full table, with the tests that prove it, is in docs/security.md.
 */
export type RecordKind = 'customer' | 'dealWork' | 'marketingAsset';

export type Access = 'read' | 'write';

/** A SQL condition with named TypeORM parameters, to `andWhere` into a query or put in a raw `WHERE`. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** SQL expressions, in the query at hand, for who owns a record and which team it is shared with. */
export interface OwnerColumns {
  owner: string;
  team: string;
}

const ALWAYS: SqlCondition = { sql: 'TRUE', params: {} };
const NEVER: SqlCondition = { sql: 'FALSE', params: {} };

function mine(principal: Principal, columns: OwnerColumns): string[] {
  // An id that is not a UUID owns nothing, and comparing it to a uuid column would be a type error.
  return isUuid(principal.userId) ? [`${columns.owner} = :accessUserId`] : [];
}

function ours(principal: Principal, columns: OwnerColumns): string[] {
  return principal.teamId && isUuid(principal.teamId) ? [`${columns.team} = :accessTeamId`] : [];
}

function anyOf(principal: Principal, parts: string[]): SqlCondition {
  if (parts.length === 0) return NEVER;
  return { sql: `(${parts.join(' OR ')})`, params: { accessUserId: principal.userId, accessTeamId: principal.teamId } };
}

/**
 * Which records of `kind` the caller may read or write, as SQL over `columns`. Every list, count,
 * lookup, `_entities` reference, aggregate and write adds it to its query, so a record one may not
 * read is never fetched, and one may not write is never changed.
 */
export function accessCondition(principal: Principal, kind: RecordKind, access: Access, columns: OwnerColumns): SqlCondition {
  if (kind === 'marketingAsset') return marketingAssetCondition(principal, access, columns);
  switch (principal.role) {
    case UserRole.ADMIN:
      return ALWAYS;
    case UserRole.ANALYST:
      return access === 'read' ? ALWAYS : NEVER;
    case UserRole.MANAGER:
      return access === 'read' ? ALWAYS : anyOf(principal, [...mine(principal, columns), ...ours(principal, columns)]);
    case UserRole.REP:
      if (kind === 'customer') return access === 'read' ? ALWAYS : anyOf(principal, mine(principal, columns));
      return anyOf(principal, [...mine(principal, columns), ...ours(principal, columns)]);
    default:
      return NEVER;
  }
}

/** Segments: everyone reads; ADMIN and MANAGER write all, a REP what they created, an ANALYST nothing. */
function marketingAssetCondition(principal: Principal, access: Access, columns: OwnerColumns): SqlCondition {
  if (access === 'read') return ALWAYS;
  if (principal.role === UserRole.ADMIN || principal.role === UserRole.MANAGER) return ALWAYS;
  return principal.role === UserRole.REP ? anyOf(principal, mine(principal, columns)) : NEVER;
}

/**
 * `condition` for raw SQL with positional parameters: each named parameter becomes `param(value)`
 * (e.g. `$3`). A `::type` cast is not a parameter; an undefined one is a bug, so it throws.
 */
export function positionalSql(condition: SqlCondition, param: (value: unknown) => string): string {
  return condition.sql.replace(/(?<!:):(\w+)/g, (_, name: string) => {
    if (!(name in condition.params)) throw new Error(`SQL condition uses :${name}, which it does not define`);
    return param(condition.params[name]);
  });
}

/** Roles that create and change records at all; ANALYSTs only read. */
export const WRITING_ROLES: readonly UserRole[] = [UserRole.ADMIN, UserRole.MANAGER, UserRole.REP];

/** Roles that bring deleted records back and read their audit trail. */
export const SUPERVISING_ROLES: readonly UserRole[] = [UserRole.ADMIN, UserRole.MANAGER];

/** Whether the caller may give a record to `ownerId`: REPs may only take records themselves. */
export function mayAssignOwner(principal: Principal, ownerId: string): boolean {
  return principal.role !== UserRole.REP || ownerId === principal.userId;
}

/** Whether the caller may share a record with `teamId`: REPs only with their own team (or none). */
export function mayAssignTeam(principal: Principal, teamId: string | null): boolean {
  return principal.role !== UserRole.REP || teamId === null || teamId === principal.teamId;
}

/** Whether personal contact details (email, phone) are hidden from the caller. */
export function hidesContactDetails(principal: Principal): boolean {
  return principal.role === UserRole.ANALYST;
}

/**
 * Refuses (FORBIDDEN, naming the field) a REP giving a record to someone else or sharing it with
 * another team; MANAGERs and ADMINs reassign freely (within what they may write afterwards).
 */
export function assertAssignable(principal: Principal, input: { ownerId?: string | null; teamId?: string | null }): void {
  if (input.ownerId && !mayAssignOwner(principal, input.ownerId)) {
    throw new ForbiddenError(`As ${principal.role} you may only set input.ownerId to yourself (${principal.userId}), got ${input.ownerId}`);
  }
  if (input.teamId !== undefined && !mayAssignTeam(principal, input.teamId)) {
    throw new ForbiddenError(`As ${principal.role} you may only set input.teamId to your own team (${principal.teamId}) or null, got ${input.teamId}`);
  }
}

/**
 * The team a new record is shared with when the input names none: the creator's team when they own
 * it or lead the team (a MANAGER creating for a teammate), otherwise none rather than a guess.
 */
export function defaultTeamId(principal: Principal, ownerId: string, teamId: string | null | undefined): string | null {
  if (teamId !== undefined) return teamId;
  return ownerId === principal.userId || principal.role === UserRole.MANAGER ? principal.teamId : null;
}
