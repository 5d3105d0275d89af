import { drops, KERNEL_TABLES, sqlMigration } from '@crm/kernel/subgraph';

/**
 * After the sale: onboarding plans, refreshers and reminders.
 * - `event_cursors`: where this service's event consumers (the kernel's `EventConsumer`) keep the
 *   cursor of the last sibling event they handled, updated in the handler's own transaction.
 * - `training_plans` + `training_plan_steps`: the onboarding plan an ADMIN set for a pipeline (a
 *   plan with no steps means "no onboarding"); pipelines without a row use the default plan.
 * - `onboarding_tasks`: one row per (win, step) — a win is the stage-change event that moved the
 *   deal into a WON stage, named by its event cursor (its position in the opportunities log) — with
 *   the TRAINING activity made for it; its primary key makes a win's plan exactly once.
 * - `refreshers`: one row per completed training that got its refresher; its primary key makes it at most once.
 * - an index for `dueReminders`: a person's open tasks and trainings by due date.
 */
export class Training1768200000000 extends sqlMigration({
  up: [
    ...KERNEL_TABLES.eventCursorsV1.up('activities'),
    // pipeline_id belongs to the opportunities service: no foreign key crosses services.
    `
      CREATE TABLE activities.training_plans (
        pipeline_id uuid PRIMARY KEY,
        updated_by_id uuid NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE activities.training_plan_steps (
        pipeline_id uuid NOT NULL REFERENCES activities.training_plans (pipeline_id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        title text NOT NULL CHECK (title <> '' AND length(title) <= 200),
        offset_days integer NOT NULL CHECK (offset_days BETWEEN 0 AND 3650),
        description text CHECK (length(description) <= 2000),
        PRIMARY KEY (pipeline_id, position)
      )`,
    `
      CREATE TABLE activities.onboarding_tasks (
        win_cursor text NOT NULL,
        step integer NOT NULL,
        activity_id uuid NOT NULL UNIQUE REFERENCES activities.activities (id) DEFERRABLE INITIALLY DEFERRED,
        opportunity_id uuid NOT NULL,
        account_id uuid NOT NULL,
        won_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (win_cursor, step)
      )`,
    `
      CREATE TABLE activities.refreshers (
        training_id uuid PRIMARY KEY REFERENCES activities.activities (id),
        refresher_id uuid NOT NULL UNIQUE REFERENCES activities.activities (id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
    `
      CREATE INDEX activities_open_due_by_owner_idx ON activities.activities (owner_id, due_at, id)
      WHERE completed_at IS NULL AND deleted_at IS NULL AND type IN ('TASK', 'TRAINING')`,
  ],
  down: [
    ...drops('activities', {
      indexes: ['activities_open_due_by_owner_idx'],
      tables: ['refreshers', 'onboarding_tasks', 'training_plan_steps', 'training_plans'],
    }),
    ...KERNEL_TABLES.eventCursorsV1.down('activities'),
  ],
}) {}
