import { drops, keysetIndexes, sqlMigration } from '@crm/kernel/subgraph';

export class CreateOpportunities1764000000000 extends sqlMigration({
  up: [
    `CREATE TYPE opportunities.stage_kind AS ENUM ('OPEN', 'WON', 'LOST')`,
    `
      CREATE TABLE opportunities.pipelines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    // At most one default pipeline: new deals that name none go there.
    `CREATE UNIQUE INDEX pipelines_single_default_idx ON opportunities.pipelines (is_default) WHERE is_default`,
    `
      CREATE TABLE opportunities.stages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pipeline_id uuid NOT NULL REFERENCES opportunities.pipelines (id),
        name text NOT NULL,
        position integer NOT NULL CHECK (position >= 0),
        kind opportunities.stage_kind NOT NULL,
        probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
        UNIQUE (pipeline_id, position),
        UNIQUE (pipeline_id, name),
        -- Target of the opportunities' (pipeline_id, stage_id) foreign key.
        UNIQUE (pipeline_id, id)
      )`,
    // account_id and owner_id point into the accounts service: no foreign key crosses services.
    `
      CREATE TABLE opportunities.opportunities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        account_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        expected_close_date date NOT NULL,
        closed_at timestamptz,
        -- Millisecond precision: list cursors carry ISO-8601 timestamps with milliseconds, so a
        -- sortable column must not hold more, or paging by it would repeat rows.
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        -- A deal's stage always belongs to the deal's pipeline.
        FOREIGN KEY (pipeline_id, stage_id) REFERENCES opportunities.stages (pipeline_id, id)
      )`,
    `CREATE INDEX opportunities_account_id_idx ON opportunities.opportunities (account_id, expected_close_date, id)`,
    ...keysetIndexes('opportunities', 'opportunities', ['owner_id', 'pipeline_id', 'stage_id', 'name', 'amount', 'expected_close_date', 'created_at', 'updated_at']),
    `CREATE INDEX opportunities_name_search_idx ON opportunities.opportunities (lower(name) text_pattern_ops)`,
    `
      CREATE TABLE opportunities.stage_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opportunity_id uuid NOT NULL REFERENCES opportunities.opportunities (id) ON DELETE CASCADE,
        from_stage_id uuid REFERENCES opportunities.stages (id),
        to_stage_id uuid NOT NULL REFERENCES opportunities.stages (id),
        changed_by_id uuid NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_stage_id IS DISTINCT FROM to_stage_id)
      )`,
    `CREATE INDEX stage_changes_opportunity_id_idx ON opportunities.stage_changes (opportunity_id, changed_at, id)`,
  ],
  down: drops('opportunities', { tables: ['stage_changes', 'opportunities', 'stages', 'pipelines'], types: ['stage_kind'] }),
}) {}
