import type { SqlCondition } from '../access/access-policy';
import type { GuardedEntity, RecordType } from '../access/record-type';
import type { Principal } from '../../core/auth/principal';

/**
 * `AdoptionRow.needsTraining` is true when a person's usage score in the window is below this share
 * of the median score of the people they are compared with (their team; everyone for people without
 * a team). 0.5: less than half of what is typical for the team. Shown as `CrmAdoption.threshold`.
 */
export const CRM_ADOPTION_THRESHOLD = 0.5;

/**
 * An `AdoptionRow` as `_entities` hands it to a subgraph: its key (`from` and `to` as ISO text), plus
 * `peerIds` — the people the row's person is compared with, themselves included — when a field
 * `@requires` them. Every subgraph counts its part of the usage for the row's person and their peers.
 */
export interface AdoptionRowReference {
  userId: string;
  from: Date | string;
  to: Date | string;
  peerIds?: readonly string[] | null;
}

/** The SQL parameter `:adoptionRows` of {@link adoptionInputCtes}: the rows in batch order, with any extra columns. */
export function adoptionRowsParameter(rows: readonly AdoptionRowReference[], extra: (row: AdoptionRowReference) => object = () => ({})): string {
  return JSON.stringify(
    rows.map((row, rowNo) => ({
      row_no: rowNo,
      user_id: row.userId,
      window_from: row.from instanceof Date ? row.from.toISOString() : row.from,
      window_to: row.to instanceof Date ? row.to.toISOString() : row.to,
      peer_ids: row.peerIds ?? [],
      ...extra(row),
    })),
  );
}

/**
 * The input of an adoption batch query, as CTEs over `:adoptionRows`:
 * - `adoption_rows (row_no, user_id, window_from, window_to, peer_ids uuid[]` + `extraColumns`)`: one per row;
 * - `adoption_people (person_id, window_from, window_to)`: every row's person and peers, once per window,
 *   so each subgraph counts everybody a batch needs in one GROUP BY, however many rows share a team.
 * `extraColumns` declares more JSON fields, e.g. `, peer_account_usage int[]`.
 */
export function adoptionInputCtes(extraColumns = ''): string {
  return `adoption_rows AS (
    SELECT * FROM jsonb_to_recordset(CAST(:adoptionRows AS jsonb))
      AS input(row_no int, user_id uuid, window_from timestamptz, window_to timestamptz, peer_ids uuid[]${extraColumns})
  ),
  adoption_people AS (
    SELECT user_id AS person_id, window_from, window_to FROM adoption_rows
    UNION
    SELECT peer.id, adoption_rows.window_from, adoption_rows.window_to FROM adoption_rows CROSS JOIN unnest(adoption_rows.peer_ids) AS peer(id)
  )`;
}

/**
 * A SELECT of `(person_id, window_from, window_to, created, updated)` over `adoption_people`: per person
 * and window, how many distinct records of `type` (table `table` of `schema`) the person created, and
 * how many they changed (at least one UPDATE entry), in [window_from, window_to), from the schema's
 * audit log — the actor of each write, not the record's owner. Only records that are still live
 * (`deleted_at IS NULL`) and that the caller may read count, so a REP's figures cover what they see.
 * People with no such record have no row. Entries are first folded per record (a hash aggregate, no
 * sort), then each record is checked once against the live, readable records.
 */
export function auditUsageSelect<E extends GuardedEntity>(schema: string, table: string, type: RecordType<E>, principal: Principal): SqlCondition {
  const read = type.access(principal, 'read', 'audited');
  const typeParameter = `auditType${type.name}`;
  return {
    sql: `SELECT touched.person_id, touched.window_from, touched.window_to,
                 (count(*) FILTER (WHERE touched.created))::int AS created,
                 (count(*) FILTER (WHERE touched.updated))::int AS updated
            FROM (SELECT people.person_id, people.window_from, people.window_to, entry.entity_id,
                         bool_or(entry.action = 'CREATE') AS created, bool_or(entry.action = 'UPDATE') AS updated
                    FROM adoption_people people
                    JOIN ${schema}.audit_log entry
                      ON entry.changed_by_id = people.person_id AND entry.entity_type = :${typeParameter}
                     AND entry.action IN ('CREATE', 'UPDATE')
                     AND entry.changed_at >= people.window_from AND entry.changed_at < people.window_to
                   GROUP BY people.person_id, people.window_from, people.window_to, entry.entity_id) AS touched
            JOIN ${schema}.${table} audited ON audited.id = touched.entity_id AND audited.deleted_at IS NULL
           WHERE ${read.sql}
           GROUP BY touched.person_id, touched.window_from, touched.window_to`,
    params: { ...read.params, [typeParameter]: type.name },
  };
}

/**
 * A CTE `name (row_no, usage int[])`: for each row of `adoption_rows` with peers, the usage its peers
 * have in this subgraph, in `peer_ids` order. `usage` is an expression over the alias `counted` of the
 * CTE `counts` (one row per person and window), 0 for peers without a row. One hash join for all rows
 * and peers; rows without peers have no row here (use `coalesce(…, '{}')`).
 */
export function peerUsageCte(name: string, counts: string, usage: string): string {
  return `${name} AS (
    SELECT rows.row_no, array_agg(coalesce(${usage}, 0) ORDER BY peer.n) AS usage
      FROM adoption_rows rows
     CROSS JOIN unnest(rows.peer_ids) WITH ORDINALITY AS peer(id, n)
      LEFT JOIN ${counts} counted
        ON counted.person_id = peer.id AND counted.window_from = rows.window_from AND counted.window_to = rows.window_to
     GROUP BY rows.row_no
  )`;
}
