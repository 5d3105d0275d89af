import { drops, sqlMigration } from '@crm/kernel/subgraph';

/**
 * B2C segments (README, "Segments"):
 * - `segments`: named, saved rule sets over accounts. `rules` is the validated rule set as JSON
 *   (`SegmentRules`), checked again whenever it is evaluated. Soft-deleted like accounts; a name is
 *   unique among live segments, case-insensitively, so a deleted segment never blocks its name.
 * - `account_open_pipeline`: each account's open pipeline (its live deals in OPEN stages) per deal
 *   owner, team and currency, as replicated from the opportunities subgraph's `openPipelineChanged`
 *   stream (`events/open-pipeline.consumer.ts`). Kept per owner and team so that segment rules over
 *   open pipeline apply the deals' read rule (a REP counts only their own and their team's deals).
 *   No foreign key: the stream may name accounts this service does not have. An account without
 *   rows has no open pipeline.
 */
export class Segments1768300000000 extends sqlMigration({
  up: [
    `
      CREATE TABLE accounts.segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        rules jsonb NOT NULL,
        created_by_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version integer NOT NULL DEFAULT 1
      )`,
    `CREATE UNIQUE INDEX segments_live_name_idx ON accounts.segments (lower(name)) WHERE deleted_at IS NULL`,
    // `segments(first, after)` pages by name.
    `CREATE INDEX segments_name_idx ON accounts.segments (name, id)`,
    `
      CREATE TABLE accounts.account_open_pipeline (
        account_id uuid NOT NULL,
        currency char(3) NOT NULL,
        owner_id uuid NOT NULL,
        team_id uuid,
        amount numeric(18, 2) NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX account_open_pipeline_account_idx ON accounts.account_open_pipeline (account_id, currency)`,
  ],
  down: drops('accounts', { tables: ['account_open_pipeline', 'segments'] }),
}) {}
