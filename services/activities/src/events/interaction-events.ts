import { type Principal } from '@crm/kernel';
import { accessCondition, positionalSql, PostgresEventSource, SqlPredicateBuilder, type EventResources, type EventSource, type Row, type SqlPredicate } from '@crm/kernel/subgraph';
import type { InteractionLoggedFilter } from '../resolvers/interaction-logged-filter.input';
import type { InteractionEventRow } from './interaction.event';
import { INTERACTION_CHANNEL } from './record-interaction';

/** Which interaction events one subscription receives: what its caller may read, narrowed by its filter. */
export interface InteractionScope {
  principal: Principal;
  filter: InteractionLoggedFilter | null;
}

/** The event sources of this service, as `ctx.events`. */
export type ActivityEvents = {
  interactions: EventSource<InteractionEventRow, InteractionScope>;
};

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

const COLUMNS = `seq, id, account_id AS "accountId", activity_id AS "activityId", change,
  last_interaction_at AS "lastInteractionAt", next_interaction_at AS "nextInteractionAt", recorded_at AS "recordedAt"`;

/** `ServiceDefinition.events` of this service: interaction events streamed from the interaction_events outbox. */
export function activityEvents({ db, listener, logger }: EventResources): ActivityEvents {
  return {
    interactions: new PostgresEventSource<InteractionEventRow, InteractionScope>({
      listener,
      channel: INTERACTION_CHANNEL,
      table: 'activities.interaction_events',
      columns: COLUMNS,
      query: (sql, values) => db.query(sql, values),
      predicate: interactionPredicate,
      toEvent: ({ seq: _seq, ...row }: Row) => row as unknown as InteractionEventRow,
      logger,
    }),
  };
}
