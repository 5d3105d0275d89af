import { drops, sqlMigration } from '@crm/kernel/subgraph';

/** Buying committees: the contacts who decide a deal, with role, stance, influence and one primary. */
export class BuyingCommittee1768100000000 extends sqlMigration({
  up: [
    `CREATE TYPE opportunities.committee_role AS ENUM ('DECISION_MAKER', 'ECONOMIC_BUYER', 'CHAMPION', 'INFLUENCER', 'TECHNICAL_EVALUATOR', 'END_USER', 'BLOCKER')`,
    `CREATE TYPE opportunities.committee_stance AS ENUM ('SUPPORTER', 'NEUTRAL', 'OPPONENT', 'UNKNOWN')`,
    // contact_id points into the accounts service: no foreign key crosses services. A contact sits on
    // a deal's committee at most once (the unique key, which also serves "the committee of deal X").
    `
      CREATE TABLE opportunities.committee_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opportunity_id uuid NOT NULL REFERENCES opportunities.opportunities (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL,
        role opportunities.committee_role NOT NULL,
        stance opportunities.committee_stance NOT NULL DEFAULT 'UNKNOWN',
        influence integer CHECK (influence BETWEEN 1 AND 5),
        is_primary boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT committee_members_contact_once UNIQUE (opportunity_id, contact_id)
      )`,
    // At most one primary member per deal; making another primary clears the old one first.
    `CREATE UNIQUE INDEX committee_members_one_primary_idx ON opportunities.committee_members (opportunity_id) WHERE is_primary`,
    // The deals a person sits on.
    `CREATE INDEX committee_members_contact_id_idx ON opportunities.committee_members (contact_id)`,
  ],
  down: drops('opportunities', { tables: ['committee_members'], types: ['committee_stance', 'committee_role'] }),
}) {}
