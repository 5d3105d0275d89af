import { consumeSiblingLog, type ConsumerResources, type EventConsumer } from '@crm/kernel/subgraph';
import type { Config } from '../config';

/** An open-pipeline event as this consumer selects it from `openPipelineChanged`. */
export interface OpenPipelineEvent {
  cursor: string;
  account: { id: string };
  shares: { owner: { id: string }; team: { id: string } | null; amount: { amount: string; currency: string } }[];
  recordedAt: string;
}

export const OPEN_PIPELINE_SUBSCRIPTION = `
  subscription AccountOpenPipeline($after: String) {
    openPipelineChanged(after: $after) { cursor account { id } shares { owner { id } team { id } amount { amount currency } } recordedAt }
  }`;

/** Name of this consumer's row in `accounts.event_cursors`. */
export const OPEN_PIPELINE_CONSUMER = 'accounts.open-pipeline';

/**
 * Keeps `accounts.account_open_pipeline` a replica of each account's open pipeline per deal owner,
 * team and currency as the opportunities subgraph reports it (segments over OPEN_PIPELINE read it).
 * Each event carries the account's whole open pipeline after the change (recomputed in opportunities'
 * SQL, deleted and closed deals left out), so replacing the account's rows with it — in order, the
 * kernel consumer's guarantee — leaves the latest; a redelivered one writes the same rows. Starting
 * without a cursor it reads the log from its beginning, which opens with one BACKFILL event per
 * account with open deals: that is the backfill on first start.
 */
export function openPipelineConsumer(resources: ConsumerResources, config: Config): EventConsumer<OpenPipelineEvent> {
  return consumeSiblingLog<OpenPipelineEvent>(resources, config.OPPORTUNITIES_URL, {
    name: OPEN_PIPELINE_CONSUMER,
    subscription: OPEN_PIPELINE_SUBSCRIPTION,
    eventTime: (event) => event.recordedAt,
    handle: async (event, { manager }) => {
      await manager.query(`DELETE FROM accounts.account_open_pipeline WHERE account_id = $1`, [event.account.id]);
      if (event.shares.length === 0) return;
      await manager.query(
        `INSERT INTO accounts.account_open_pipeline (account_id, owner_id, team_id, currency, amount)
         SELECT $1, share.owner_id, share.team_id, share.currency, share.amount
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[]) AS share(owner_id, team_id, currency, amount)`,
        [
          event.account.id,
          event.shares.map((share) => share.owner.id),
          event.shares.map((share) => share.team?.id ?? null),
          event.shares.map((share) => share.amount.currency),
          event.shares.map((share) => share.amount.amount),
        ],
      );
    },
  });
}
