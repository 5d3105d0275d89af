import type { DataSource } from 'typeorm';
import type { Context } from '../context';
import { LostReason } from './lost-reason.entity';

/** The lost reasons, active ones first, each group by name (`Query.lostReasons`). */
export function listLostReasons(ctx: Context, includeInactive: boolean): Promise<LostReason[]> {
  const query = ctx.db.getRepository(LostReason).createQueryBuilder('reason');
  if (!includeInactive) query.where('reason.active');
  return query.orderBy('reason.active', 'DESC').addOrderBy('lower(reason.name)').addOrderBy('reason.id').getMany();
}

/** A lost reason as it is now, after a write (it must exist). */
export function currentLostReason(db: DataSource, id: string): Promise<LostReason> {
  return db.getRepository(LostReason).findOneByOrFail({ id });
}
