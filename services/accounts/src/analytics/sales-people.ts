import { queryRows } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';

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
