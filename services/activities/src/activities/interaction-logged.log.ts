import { accessCondition, defineEventLog, type LogScope, positionalSql, type SqlPredicate, SqlPredicateBuilder } from '@crm/kernel/subgraph';
import type { EntityManager } from 'typeorm';
import type { Activity } from './activity.entity';
import { INTERACTION_TYPES } from './activity-type.enum';
import { InteractionChange } from './interaction-change.enum';
import type { InteractionLoggedFilter } from './interaction-logged-filter.input';
import type { InteractionEventRow } from './interaction-logged.event';

// The interactionLogged event log: its writer (the interaction_events outbox, written in the
// transaction of every activity write that changes an account's interactions) and its source (how
// subscribers read it back, each only what they may read).

/**
 * The interactionLogged log: interaction events streamed from the interaction_events table on
 * PostgreSQL, each subscription only what `interactionPredicate` admits; `interaction_events` wakes its readers.
 */
export const interactionLoggedLog = defineEventLog<InteractionEventRow, InteractionLoggedFilter>({
  name: 'interactionLogged',
  channel: 'interaction_events',
  table: 'activities.interaction_events',
  columns: `seq, id, account_id AS "accountId", activity_id AS "activityId", change,
    last_interaction_at AS "lastInteractionAt", next_interaction_at AS "nextInteractionAt", recorded_at AS "recordedAt"`,
  predicate: interactionPredicate,
});

const TYPES_SQL = INTERACTION_TYPES.map((type) => `'${type}'`).join(', ');

/** The fields that decide whether an activity counts as an interaction of an account, and when. */
type InteractionFacts = Pick<Activity, 'type' | 'accountId' | 'occurredAt' | 'deletedAt'>;

const counts = (activity: InteractionFacts | null): activity is InteractionFacts =>
  activity !== null && activity.accountId !== null && INTERACTION_TYPES.includes(activity.type);

const same = (a: InteractionFacts, b: InteractionFacts) =>
  a.type === b.type && a.accountId === b.accountId && a.occurredAt?.getTime() === b.occurredAt?.getTime() && a.deletedAt?.getTime() === b.deletedAt?.getTime();

/** The accounts whose interactions a write from `before` to `after` changes (none when nothing that counts changed). */
export function accountsTouched(before: InteractionFacts | null, after: InteractionFacts | null): string[] {
  if (before && after && same(before, after)) return [];
  return [...new Set([before, after].filter(counts).map((activity) => activity.accountId!))];
}

/**
 * The one way to record that interactions changed, inside the writer's transaction, after the
 * activity row has its new state: it appends one interaction_events row per touched account under
 * the log's lock (`EventLog.append`: seq order is commit order, notified on commit), with the
 * account's last and next interaction recomputed in SQL from its live activities (deleted ones never
 * count) — so the event carries the account's whole state, and a consumer that applies events in
 * order is always right.
 * Does nothing when the write touches no account's interactions.
 */
export async function recordInteractionChange(
  manager: EntityManager,
  change: InteractionChange,
  before: Activity | null,
  after: Activity,
): Promise<void> {
  const accountIds = accountsTouched(before, after);
  if (accountIds.length === 0) return;
  await interactionLoggedLog.append(
    manager,
    `WITH recorded AS (
       INSERT INTO activities.interaction_events (account_id, activity_id, change, owner_id, team_id, last_interaction_at, next_interaction_at)
       SELECT account.id, $2::uuid, $3, $4::uuid, $5::uuid,
              (SELECT max(x.occurred_at) FROM activities.activities x
                WHERE x.account_id = account.id AND x.deleted_at IS NULL AND x.type IN (${TYPES_SQL}) AND x.occurred_at <= statement_timestamp()),
              (SELECT min(x.occurred_at) FROM activities.activities x
                WHERE x.account_id = account.id AND x.deleted_at IS NULL AND x.type IN (${TYPES_SQL}) AND x.occurred_at > statement_timestamp())
         FROM unnest($1::uuid[]) AS account(id)
       RETURNING seq
     )`,
    [accountIds, after.id, change, after.ownerId, after.teamId],
  );
}

/**
 * One BACKFILL event per account with interactions: what the migration wrote for activities that
 * existed then. The demo seed loads activities after migrating, so it calls this in its transaction
 * (nothing else runs yet, so it needs no lock).
 */
export async function backfillInteractionEvents(manager: EntityManager): Promise<void> {
  await manager.query(`
    INSERT INTO activities.interaction_events (account_id, change, last_interaction_at, next_interaction_at)
    SELECT account_id, '${InteractionChange.BACKFILL}',
           max(occurred_at) FILTER (WHERE occurred_at <= statement_timestamp()),
           min(occurred_at) FILTER (WHERE occurred_at > statement_timestamp())
      FROM activities.activities
     WHERE account_id IS NOT NULL AND deleted_at IS NULL AND type IN (${TYPES_SQL})
     GROUP BY account_id
     ORDER BY account_id`);
}

/** Which interaction events one subscription receives: what its caller may read, narrowed by its filter. */
export type InteractionScope = LogScope<InteractionLoggedFilter>;

/**
 * The scope as SQL over interaction_events' snapshot columns: the activities' read rule applied to
 * the activity's owner and team at the time of the change (a REP hears about their own and their
 * team's interactions; BACKFILL rows, which have no activity, reach only roles that read all), then the filter.
 */
export function interactionPredicate({ principal, filter }: InteractionScope): SqlPredicate {
  const sql = new SqlPredicateBuilder();
  const read = accessCondition(principal, 'dealWork', 'read', { owner: 'owner_id', team: 'team_id' });
  sql.and(positionalSql(read, sql.param));
  if (filter?.accountId) sql.and(`account_id = ${sql.param(filter.accountId)}`);
  return sql.build();
}
