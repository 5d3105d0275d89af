import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { byKeys } from './loader-registry';
import { isUuid } from '../../core/ids/is-uuid';

/** Loads rows of `entity` by id in one query per tick; ids that do not exist resolve to null. */
export function byIdLoader<E extends ObjectLiteral & { id: string }>(db: DataSource, entity: EntityTarget<E>): DataLoader<string, E | null> {
  return new DataLoader(async (ids) => {
    // An id that is not a UUID cannot exist; asking PostgreSQL would only raise a type error.
    const valid = ids.filter((id) => isUuid(id));
    const rows = valid.length ? await db.getRepository(entity).findBy({ id: In(valid) } as never) : [];
    return byKeys(ids, rows, (row) => row.id);
  });
}
