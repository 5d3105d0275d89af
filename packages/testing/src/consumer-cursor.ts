import { eventually } from './eventually';

/** What the helpers below need of a service's database: its `handle.db`. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any[]>;
}

/** The cursor an event consumer of a service has stored (`<schema>.event_cursors`): how far it has handled its sibling's events; null before it stored one. */
export async function consumerCursor(db: Queryable, schema: string, consumer: string): Promise<string | null> {
  const [row] = await db.query(`SELECT cursor FROM "${schema}".event_cursors WHERE consumer = $1`, [consumer]);
  return row?.cursor ?? null;
}

/** Waits until the consumer has handled the event at `cursor` (and every one before it). */
export async function consumedUpTo(db: Queryable, schema: string, consumer: string, cursor: string, timeoutMs?: number): Promise<void> {
  await eventually(() => consumerCursor(db, schema, consumer), { until: (at) => at === cursor, what: `the ${consumer} consumer to reach ${cursor}`, timeoutMs, intervalMs: 50 });
}
