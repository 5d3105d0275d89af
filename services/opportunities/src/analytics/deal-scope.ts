import type { Principal } from '@crm/kernel';
import type { SqlCondition } from '@crm/kernel/subgraph';
import { OPPORTUNITY_RECORD } from '../deals/opportunity.record';

/** Optional narrowing of the deals an analytics query counts. */
export interface DealScopeFilter {
  pipelineId?: string | null;
  ownerId?: string | null;
  teamId?: string | null;
}

/**
 * The deals (table alias `alias`) an analytics query may count, as SQL: live deals only (raw SQL must
 * say `deleted_at IS NULL` itself), the caller's read rule (a REP counts their own and their team's
 * deals, exactly the rows `opportunities` lists for them), then the filters. Named parameters, for `queryRows`.
 */
export function dealScope(principal: Principal, alias: string, filter: DealScopeFilter = {}): SqlCondition {
  const read = OPPORTUNITY_RECORD.access(principal, 'read', alias);
  const parts = [`${alias}.deleted_at IS NULL`, read.sql];
  const params: Record<string, unknown> = { ...read.params };
  if (filter.pipelineId) {
    parts.push(`${alias}.pipeline_id = :scopePipelineId`);
    params.scopePipelineId = filter.pipelineId;
  }
  if (filter.ownerId) {
    parts.push(`${alias}.owner_id = :scopeOwnerId`);
    params.scopeOwnerId = filter.ownerId;
  }
  if (filter.teamId) {
    parts.push(`${alias}.team_id = :scopeTeamId`);
    params.scopeTeamId = filter.teamId;
  }
  return { sql: parts.join(' AND '), params };
}
