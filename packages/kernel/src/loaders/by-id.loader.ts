import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { byKeys } from './loader-registry';

/** Loads rows of `entity` by id in one query per tick; ids that do not exist resolve to null. */
export function byIdLoader<E extends ObjectLiteral & { id: string }>(db: DataSource, entity: EntityTarget<E>): DataLoader<string, E | null> {
  return new DataLoader(async (ids) => {
    const rows = await db.getRepository(entity).findBy({ id: In([...ids]) } as never);
    return byKeys(ids, rows, (row) => row.id);
  });
}
