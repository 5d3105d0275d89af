import { drops, keysetIndexes, sqlMigration } from '@crm/kernel/subgraph';

export class CreateActivities1764100000000 extends sqlMigration({
  up: [
    `CREATE TYPE activities.activity_type AS ENUM ('CALL', 'MEETING', 'EMAIL', 'NOTE', 'TASK', 'TRAINING', 'FEEDBACK')`,
    // owner_id, account_id, contact_id and opportunity_id point into other services' schemas, so
    // they carry no foreign keys (a service never reads another's tables). The API requires at least
    // one link on create; the table does not, because the demo book holds internal notes and tasks
    // linked to nothing. Timestamps have millisecond precision to match the cursors (JS Dates).
    `
      CREATE TABLE activities.activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type activities.activity_type NOT NULL,
        subject text NOT NULL CHECK (subject <> ''),
        body text,
        occurred_at timestamptz(3),
        due_at timestamptz(3),
        completed_at timestamptz(3),
        owner_id uuid NOT NULL,
        account_id uuid,
        contact_id uuid,
        opportunity_id uuid,
        feedback_score integer CHECK (feedback_score BETWEEN 0 AND 10),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        timeline_at timestamptz(3) NOT NULL GENERATED ALWAYS AS (coalesce(occurred_at, due_at, created_at)) STORED,
        CHECK (feedback_score IS NULL OR type = 'FEEDBACK'),
        CHECK (type IN ('TASK', 'TRAINING') OR (due_at IS NULL AND completed_at IS NULL)),
        CHECK (type IN ('TASK', 'TRAINING') OR occurred_at IS NOT NULL)
      )`,
    // Each timeline (all, per account, contact, opportunity, owner, type) is read newest first.
    `CREATE INDEX activities_timeline_at_idx ON activities.activities (timeline_at DESC, id DESC)`,
    ...['account_id', 'contact_id', 'opportunity_id', 'owner_id', 'type'].map(
      (column) => `CREATE INDEX activities_${column}_timeline_idx ON activities.activities (${column}, timeline_at DESC, id DESC)`,
    ),
    ...keysetIndexes('activities', 'activities', ['created_at', 'updated_at']),
    // Open work: the overdue filter and "due before" lists only look at tasks and trainings not yet done.
    `
      CREATE INDEX activities_open_due_at_idx ON activities.activities (due_at, id)
      WHERE completed_at IS NULL AND type IN ('TASK', 'TRAINING')`,
    `CREATE INDEX activities_occurred_at_idx ON activities.activities (occurred_at, id) WHERE occurred_at IS NOT NULL`,
  ],
  down: drops('activities', { tables: ['activities'], types: ['activity_type'] }),
}) {}
