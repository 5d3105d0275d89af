import { drops, KERNEL_TABLES, sqlMigration } from '@crm/kernel/subgraph';

/**
 * Keeping the relationship alive between orders (`staleAccounts`, `daysSinceLastInteraction`):
 * - `event_cursors`: where this service's event consumers (the kernel's `EventConsumer`) keep the
 *   cursor of the last sibling event they handled, updated in the handler's own transaction;
 * - `account_interactions`: each account's last interaction (and its next one, dated in the
 *   future when recorded) as replicated from the activities subgraph's `interactionLogged` stream.
 *   No foreign key: the stream may name accounts this service does not have (activities only
 *   checks ids are UUIDs), and an unknown id must not stop the consumer;
 * - `stale_thresholds`: after how many days without an interaction a customer of each tier is stale;
 *   ADMINs change them with `setStaleThreshold`. Defaults: STRATEGIC 30, KEY 60, STANDARD 120.
 */
export class AccountInteractions1768200000000 extends sqlMigration({
  up: [
    ...KERNEL_TABLES.eventCursorsV1.up('accounts'),
    `
      CREATE TABLE accounts.account_interactions (
        account_id uuid PRIMARY KEY,
        last_interaction_at timestamptz(3),
        next_interaction_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE accounts.stale_thresholds (
        tier accounts.tier PRIMARY KEY,
        days integer NOT NULL CHECK (days BETWEEN 1 AND 3650),
        updated_by_id uuid,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
    `INSERT INTO accounts.stale_thresholds (tier, days) VALUES ('STRATEGIC', 30), ('KEY', 60), ('STANDARD', 120)`,
    // staleAccounts reads live customers, by tier.
    `CREATE INDEX accounts_customers_by_tier_idx ON accounts.accounts (tier, id) WHERE lifecycle = 'CUSTOMER' AND deleted_at IS NULL`,
  ],
  down: [
    ...drops('accounts', { indexes: ['accounts_customers_by_tier_idx'], tables: ['stale_thresholds', 'account_interactions'] }),
    ...KERNEL_TABLES.eventCursorsV1.down('accounts'),
  ],
}) {}
