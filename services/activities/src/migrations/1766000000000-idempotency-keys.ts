import { KERNEL_TABLES } from '@crm/kernel/subgraph';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys of idempotent mutations (the kernel's `runIdempotentCreate` and `claimIdempotencyKey`): one row
 * per caller, mutation and key, with the hash of the first input and the id it produced. Its DDL is the
 * kernel's (one version per change, so this released migration never changes).
 */
export class IdempotencyKeys1766000000000 implements MigrationInterface {
  name = 'IdempotencyKeys1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.idempotencyKeysV1.up(db, 'activities');
  }

  async down(db: QueryRunner): Promise<void> {
    await KERNEL_TABLES.idempotencyKeysV1.down(db, 'activities');
  }
}
