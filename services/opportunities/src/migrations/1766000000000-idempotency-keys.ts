import { KERNEL_TABLES, kernelTableMigration } from '@crm/kernel/subgraph';

/**
 * Keys of idempotent mutations (the kernel's `runIdempotentCreate` and `claimIdempotencyKey`): one row
 * per caller, mutation and key, with the hash of the first input and the id it produced. Its DDL is the
 * kernel's (one version per change, so this released migration never changes).
 */
export class IdempotencyKeys1766000000000 extends kernelTableMigration('opportunities', KERNEL_TABLES.idempotencyKeysV1) {}
