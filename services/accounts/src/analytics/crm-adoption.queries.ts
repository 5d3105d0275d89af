import { BadUserInputError, ForbiddenError, UserRole } from '@crm/kernel';
import { CRM_ADOPTION_THRESHOLD, queryRows } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import type { Context } from '../context';
import { AdoptionRow } from './adoption-row.type';
import { MAX_ADOPTION_WINDOW_YEARS, type CrmAdoptionArgs } from './crm-adoption.args';
import type { CrmAdoption } from './crm-adoption.type';

/** A sales person and whom they are compared with, as `salesPeople` returns them. */
export interface SalesPerson {
  userId: string;
  teamId: string | null;
  peerIds: string[];
}

export interface SalesPeopleFilter {
  /** Only the members of this team. */
  teamId?: string | null;
  /** Only these people. */
  userIds?: readonly string[] | null;
}

/**
 * The sales people — active users with role REP or MANAGER — in `crmAdoption`'s order (team name,
 * people without a team last, then last and first name), each with their peers: the active sales
 * people of their team, or all of them for a person without a team, themselves included, by id.
 * One SQL query.
 */
export function salesPeople(db: DataSource, filter: SalesPeopleFilter = {}): Promise<SalesPerson[]> {
  return queryRows<SalesPerson>(
    db,
    `SELECT person.id AS "userId", person.team_id AS "teamId",
            ARRAY(SELECT peer.id FROM accounts.users peer
                   WHERE peer.active AND peer.role IN ('REP', 'MANAGER')
                     AND (person.team_id IS NULL OR peer.team_id = person.team_id)
                   ORDER BY peer.id) AS "peerIds"
       FROM accounts.users person
       LEFT JOIN accounts.teams team ON team.id = person.team_id
      WHERE person.active AND person.role IN ('REP', 'MANAGER')
        AND (CAST(:teamId AS uuid) IS NULL OR person.team_id = CAST(:teamId AS uuid))
        AND (CAST(:userIds AS uuid[]) IS NULL OR person.id = ANY(CAST(:userIds AS uuid[])))
      ORDER BY team.name NULLS LAST, person.last_name, person.first_name, person.id`,
    { teamId: filter.teamId ?? null, userIds: filter.userIds ? [...filter.userIds] : null },
  );
}

/** `from` plus whole years (February 29 plus a year is March 1). */
function addYears(instant: Date, years: number): Date {
  const later = new Date(instant);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

/** The sales people the caller sees: everyone for ADMIN, MANAGER and ANALYST; a REP only themselves. */
function visibleTo(ctx: Context, teamId: string | null | undefined): string[] | null {
  const { principal } = ctx;
  if (principal.role !== UserRole.REP) return null;
  if (teamId && teamId !== principal.teamId) {
    throw new ForbiddenError(`As REP you see only your own adoption row: teamId must be your own team (${principal.teamId ?? 'none'}) or absent, got ${teamId}`);
  }
  return [principal.userId];
}

/**
 * `crmAdoption`: the window and team are checked, then the rows of the sales people the caller sees;
 * each subgraph fills in its counts per row (`AdoptionRow`'s field resolvers).
 */
export async function crmAdoption(ctx: Context, { from, to, teamId }: CrmAdoptionArgs): Promise<CrmAdoption> {
  if (!(to > from)) throw BadUserInputError.field('to', `must be after from (${from.toISOString()}), got ${to.toISOString()}`);
  const latest = addYears(from, MAX_ADOPTION_WINDOW_YEARS);
  if (to > latest) {
    throw BadUserInputError.field('to', `must be at most ${MAX_ADOPTION_WINDOW_YEARS} years after from, i.e. at or before ${latest.toISOString()}, got ${to.toISOString()}`);
  }
  const userIds = visibleTo(ctx, teamId);
  if (teamId && !(await ctx.loaders.teamById.load(teamId))) {
    throw BadUserInputError.field('teamId', `expected the id of a team, got ${teamId}, which does not exist`);
  }
  const people = await salesPeople(ctx.db, { teamId, userIds });
  return {
    from,
    to,
    teamId: teamId ?? null,
    threshold: CRM_ADOPTION_THRESHOLD,
    rows: people.map((person) => Object.assign(new AdoptionRow(), { ...person, from, to })),
  };
}
