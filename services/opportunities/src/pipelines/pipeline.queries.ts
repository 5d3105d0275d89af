import { type PageArgs, paginate, SortDirection } from '@crm/kernel/subgraph';
import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../context';
import { Pipeline } from './pipeline.entity';

/** A page of all pipelines, by name (`Query.pipelines`). */
export function listPipelines(ctx: Context, { first, after }: PageArgs) {
  const qb = ctx.db.getRepository(Pipeline).createQueryBuilder('pipeline');
  return paginate(qb, { property: 'name', direction: SortDirection.ASC }, { first, after });
}

/** The pipeline new deals go into when none is named; null when none is marked. */
export function findDefaultPipeline(db: DataSource): Promise<Pipeline | null> {
  return db.getRepository(Pipeline).findOneBy({ isDefault: true });
}

/** A pipeline as it is now, after a write (it must exist). */
export function currentPipeline(db: DataSource, id: string): Promise<Pipeline> {
  return db.getRepository(Pipeline).findOneByOrFail({ id });
}

/** How much each of the stages `stageIds` was ever used: deals in it (deleted ones included) and stage changes from or to it, in position order. */
export function stageUsage(manager: EntityManager, stageIds: string[]): Promise<{ name: string; deals: number; changes: number }[]> {
  return manager.query(
    `SELECT stage.name,
            (SELECT count(*) FROM opportunities.opportunities deal WHERE deal.stage_id = stage.id)::int AS deals,
            (SELECT count(*) FROM opportunities.stage_changes change WHERE stage.id IN (change.to_stage_id, change.from_stage_id))::int AS changes
       FROM opportunities.stages stage WHERE stage.id = ANY($1) ORDER BY stage.position`,
    [stageIds],
  );
}
