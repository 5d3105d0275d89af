import type { DataSource } from 'typeorm';

/**
 * Runs raw SQL with TypeORM-style named parameters (`:name`, as in query builders and `SqlCondition`),
 * turned into positional ones by TypeORM's own driver, so access conditions drop straight in.
 * Avoid parameter names equal to a type that follows `::` in the same text (e.g. one called `date`).
 */
export async function queryRows<T>(db: DataSource, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = db.driver.escapeQueryWithParameters(sql, params);
  return db.query(text, values);
}
