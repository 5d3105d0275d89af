/** The DDL of one version of a table the kernel owns: its statements in the schema of the service that migrates it. */
export interface KernelTable {
  up(schema: string): string[];
  down(schema: string): string[];
}

/**
 * The tables the kernel's mechanisms keep in every service's schema, by version, so that each
 * service's migrations declare them in one line (`kernelTableMigration`, or spread into a
 * `sqlMigration`'s steps) instead of copying their DDL. A version that has been released never
 * changes (it has run in databases); changing a table means a new version here and a new migration
 * in each service that uses it.
 */
export const KERNEL_TABLES = {
  /** Keys of idempotent mutations (`runIdempotent`, `runIdempotentCreate`): one row per caller, mutation and key. */
  idempotencyKeysV1: {
    up: (s) => [
      `CREATE TABLE ${s}.idempotency_keys (
        principal_id uuid NOT NULL,
        operation text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        result_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal_id, operation, key)
      )`,
    ],
    down: (s) => [`DROP TABLE ${s}.idempotency_keys`],
  },
  /** The audit log of every change (`AuditEntry`), written in the change's transaction, read by record. */
  auditLogV1: {
    up: (s) => [
      `CREATE TABLE ${s}.audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        changed_by_id uuid NOT NULL,
        changed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        changes jsonb NOT NULL
      )`,
      `CREATE INDEX audit_log_entity_idx ON ${s}.audit_log (entity_type, entity_id, changed_at DESC, id DESC)`,
    ],
    down: (s) => [`DROP TABLE ${s}.audit_log`],
  },
  /** The audit log by who wrote and when: `crmAdoption` counts a person's records in a window. */
  auditLogByActorV1: {
    up: (s) => [`CREATE INDEX audit_log_actor_idx ON ${s}.audit_log (changed_by_id, changed_at DESC)`],
    down: (s) => [`DROP INDEX ${s}.audit_log_actor_idx`],
  },
  /** Where the service's event consumers (`EventConsumer`) keep the cursor of the last event they handled. */
  eventCursorsV1: {
    up: (s) => [
      `CREATE TABLE ${s}.event_cursors (
        consumer text PRIMARY KEY,
        cursor text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
    down: (s) => [`DROP TABLE ${s}.event_cursors`],
  },
} as const satisfies Record<string, KernelTable>;
