import { In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { SortDirection } from '../graphql/sort-direction.enum';
import type { ConnectionData } from './connection.type';
import { cursorKindOfColumn, decodeCursor, encodeCursor, type CursorSpec } from '../../core/pagination/cursor';
import type { PageRequest } from './page-args';

/** How a list is sorted: a non-null entity property, ties broken by id in the same direction. */
export interface SortOrder {
  /** Entity property on the query's main alias, e.g. `name` or `createdAt`. Must be NOT NULL. */
  property: string;
  direction: SortDirection;
}

type Row = ObjectLiteral & { id: string };

function memo<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

/** The cursors of `qb`'s list in `order`: a cursor of another list or order is refused, not misread. */
function cursorSpec(qb: SelectQueryBuilder<ObjectLiteral>, order: SortOrder): CursorSpec {
  const column = qb.expressionMap.mainAlias?.metadata.findColumnWithPropertyName(order.property);
  return { list: `${qb.alias}.${order.property} ${order.direction}`, kind: cursorKindOfColumn(column?.type) };
}

function connection<E extends Row>(rows: E[], order: SortOrder, spec: CursorSpec, page: PageRequest, count: () => Promise<number>): ConnectionData<E> {
  const hasNextPage = rows.length > page.first;
  const edges = rows.slice(0, page.first).map((node) => ({ cursor: encodeCursor(spec, node[order.property], node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(page.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return count();
    },
  };
}

function ordered<E extends Row>(qb: SelectQueryBuilder<E>, order: SortOrder, spec: CursorSpec, after: string | null | undefined) {
  const alias = qb.alias;
  const column = `${alias}.${order.property}`;
  if (after) {
    const [value, id] = decodeCursor(spec, after);
    const op = order.direction === SortDirection.ASC ? '>' : '<';
    qb.andWhere(`(${column}, ${alias}.id) ${op} (:__cursorValue, :__cursorId)`, { __cursorValue: value, __cursorId: id });
  }
  return { column, idColumn: `${alias}.id`, direction: order.direction };
}

/**
 * One page of `qb` (already filtered) with keyset pagination: one query for the page, and one
 * for `totalCount` only when selected.
 */
export async function paginate<E extends Row>(qb: SelectQueryBuilder<E>, order: SortOrder, page: PageRequest): Promise<ConnectionData<E>> {
  const spec = cursorSpec(qb, order);
  const countQuery = qb.clone();
  const pageQuery = qb.clone();
  const { column, idColumn, direction } = ordered(pageQuery, order, spec, page.after);
  const rows = page.first === 0 ? [] : await pageQuery.orderBy(column, direction).addOrderBy(idColumn, direction).limit(page.first + 1).getMany();
  return connection(rows, order, spec, page, memo(() => countQuery.getCount()));
}

/**
 * The same page of a nested list for many parents at once (e.g. the first 10 contacts of each of
 * 50 accounts), in a constant number of queries: a window function picks each parent's page.
 * Returns one connection per parent id, in the order of `parentIds`.
 */
export async function paginateByParent<E extends Row>(
  qb: SelectQueryBuilder<E>,
  parentProperty: string,
  parentIds: readonly string[],
  order: SortOrder,
  page: PageRequest,
): Promise<ConnectionData<E>[]> {
  const alias = qb.alias;
  const spec = cursorSpec(qb, order);
  const parentColumn = `${alias}.${parentProperty}`;
  const scoped = qb.clone().andWhere(`${parentColumn} IN (:...__parentIds)`, { __parentIds: [...parentIds] });

  const counts = memo(async () => {
    const raw = await scoped
      .clone()
      .select(parentColumn, 'parent')
      .addSelect('count(*)::int', 'count')
      .groupBy(parentColumn)
      .getRawMany<{ parent: string; count: number }>();
    return new Map(raw.map((r) => [r.parent, r.count]));
  });

  const byParent = new Map<string, E[]>(parentIds.map((id) => [id, []]));
  if (page.first > 0) {
    const windowed = scoped.clone();
    const { column, idColumn, direction } = ordered(windowed, order, spec, page.after);
    windowed
      .select(idColumn, 'id')
      .addSelect(parentColumn, 'parent')
      .addSelect(`row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${column} ${direction}, ${idColumn} ${direction})`, 'rn');
    const [sql, params] = windowed.getQueryAndParameters();
    const picked: { id: string; parent: string }[] = await qb.connection.query(
      `SELECT id, parent FROM (${sql}) page WHERE page.rn <= ${page.first + 1} ORDER BY page.parent, page.rn`,
      params,
    );
    if (picked.length > 0) {
      const repository = qb.connection.getRepository<E>(qb.expressionMap.mainAlias!.target);
      // The scoped query already chose the rows (live ones, or deleted ones under `withDeleted`); refetch exactly those.
      const entities = await repository.find({ where: { id: In(picked.map((p) => p.id)) } as never, withDeleted: true });
      const byId = new Map(entities.map((e) => [e.id, e]));
      for (const { id, parent } of picked) {
        const entity = byId.get(id);
        if (entity) byParent.get(parent)?.push(entity);
      }
    }
  }
  return parentIds.map((id) =>
    connection(byParent.get(id) ?? [], order, spec, page, async () => (await counts()).get(id) ?? 0),
  );
}
