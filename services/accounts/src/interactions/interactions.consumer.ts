import { consumeSiblingLog, type ConsumerResources, type EventConsumer } from '@crm/kernel/subgraph';
import type { Config } from '../config';

/** An interaction event as this consumer selects it from `interactionLogged`. */
export interface InteractionEvent {
  cursor: string;
  account: { id: string };
  lastInteractionAt: string | null;
  nextInteractionAt: string | null;
  recordedAt: string;
}

export const INTERACTIONS_SUBSCRIPTION = `
  subscription AccountInteractions($after: String) {
    interactionLogged(after: $after) { cursor account { id } lastInteractionAt nextInteractionAt recordedAt }
  }`;

/** Name of this consumer's row in `accounts.event_cursors`. */
export const INTERACTIONS_CONSUMER = 'accounts.interactions';

/**
 * Keeps `accounts.account_interactions` a replica of each account's last and next interaction as the
 * activities subgraph reports them. Each event carries the account's whole state after the change
 * (recomputed in activities' SQL, deleted activities left out), so applying the events in order —
 * the kernel consumer's guarantee — leaves the latest; a redelivered one writes the same values.
 * Starting without a cursor it reads the log from its beginning, which opens with one BACKFILL
 * event per account: that is the backfill on first start.
 */
export function interactionsConsumer(resources: ConsumerResources, config: Config): EventConsumer<InteractionEvent> {
  return consumeSiblingLog<InteractionEvent>(resources, config.ACTIVITIES_URL, {
    name: INTERACTIONS_CONSUMER,
    subscription: INTERACTIONS_SUBSCRIPTION,
    eventTime: (event) => event.recordedAt,
    handle: async (event, { manager }) => {
      await manager.query(
        `INSERT INTO accounts.account_interactions (account_id, last_interaction_at, next_interaction_at)
         VALUES ($1, $2, $3)
         ON CONFLICT (account_id) DO UPDATE
           SET last_interaction_at = excluded.last_interaction_at, next_interaction_at = excluded.next_interaction_at, updated_at = now()`,
        [event.account.id, event.lastInteractionAt, event.nextInteractionAt],
      );
    },
  });
}
