import { paginate, SortDirection, type PageArgs } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { Team } from './team.entity';

/** One page of `teams`, by name; teams are read by all. */
export function listTeams(db: DataSource, { first, after }: PageArgs) {
  return paginate(db.getRepository(Team).createQueryBuilder('team'), { property: 'name', direction: SortDirection.ASC }, { first, after });
}
