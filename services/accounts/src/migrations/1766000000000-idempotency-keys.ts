import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys of idempotent mutations (the kernel's `runIdempotentCreate` and `claimIdempotencyKey`): one row
 * per caller, mutation and key, with the hash of the first input and the id it produced. Written
 * out here rather than shared with the other services: a released migration must never change.
 */
export class IdempotencyKeys1766000000000 implements MigrationInterface {
  name = 'IdempotencyKeys1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accounts.idempotency_keys (
        principal_id uuid NOT NULL,
        operation text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        result_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal_id, operation, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE accounts.idempotency_keys`);
  }
}
