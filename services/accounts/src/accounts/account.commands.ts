import { BadUserInputError, requireRole } from '@crm/kernel';
import {
  ADVISORY_LOCKS,
  assertAssignable,
  definedOnly,
  lockUntilCommit,
  type MoneyInput,
  recordCommands,
  rejectNulls,
  WRITING_ROLES,
} from '@crm/kernel/subgraph';
import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { User } from '../people/user.entity';
import { Account } from './account.entity';
import { ACCOUNT_RECORD } from './account.record';
import type { CreateAccountInput } from './create-account.input';
import type { UpdateAccountInput } from './update-account.input';

const accounts = recordCommands(ACCOUNT_RECORD, { schema: SCHEMA, loader: (ctx: Context) => ctx.loaders.accountById });

function revenueColumns(money: MoneyInput | null | undefined) {
  if (money === undefined) return {};
  return { annualRevenueAmount: money?.amount ?? null, annualRevenueCurrency: money?.currency.toUpperCase() ?? null };
}

/** `createAccount`: idempotent with `input.idempotencyKey`; audited in the same transaction. */
export async function createAccount(ctx: Context, input: CreateAccountInput): Promise<Account> {
  requireRole(ctx.principal, WRITING_ROLES, 'create accounts');
  assertAssignable(ctx.principal, input);
  const { idempotencyKey: _key, annualRevenue, ...fields } = input;
  const ownerId = input.ownerId ?? ctx.principal.userId;
  return accounts.create(ctx, 'createAccount', input, {
    prepare: () =>
      Promise.all([assertUserExists(ctx.db, ownerId, 'input.ownerId'), input.parentId && assertAccountExists(ctx.db.manager, input.parentId, 'input.parentId')]),
    insert: async (manager) => {
      const repository = manager.getRepository(Account);
      const saved = await repository.save(
        repository.create({ ...fields, ...revenueColumns(annualRevenue), country: input.country?.toUpperCase() ?? null, ownerId }),
      );
      return saved.id;
    },
  });
}

/** `updateAccount`: a parent change is checked for loops in the update's transaction (`assertNoCycle`). */
export async function updateAccount(ctx: Context, id: string, input: UpdateAccountInput): Promise<Account> {
  requireRole(ctx.principal, WRITING_ROLES, 'change accounts');
  rejectNulls(input, ['name', 'market', 'tier', 'lifecycle', 'ownerId']);
  assertAssignable(ctx.principal, input);
  const { expectedVersion, annualRevenue, ...fields } = input;
  // NOT_FOUND before any check of the input (and before the cycle query, which needs a valid id).
  await accounts.load(ctx, id);
  if (fields.ownerId) await assertUserExists(ctx.db, fields.ownerId, 'input.ownerId');
  const patch = { ...definedOnly(fields), ...revenueColumns(annualRevenue) };
  if (patch.country) patch.country = patch.country.toUpperCase();
  const { parentId } = fields;
  const hooks = parentId ? { beforeLock: (manager: EntityManager) => assertNoCycle(manager, id, parentId) } : {};
  return accounts.update(ctx, id, patch, expectedVersion, hooks);
}

/** `deleteAccount`: a soft delete; contacts and subsidiaries stay. */
export function deleteAccount(ctx: Context, id: string, expectedVersion: number | null): Promise<Account> {
  return accounts.delete(ctx, id, expectedVersion);
}

/** `restoreAccount`. */
export function restoreAccount(ctx: Context, id: string): Promise<Account> {
  return accounts.restore(ctx, id);
}

async function assertUserExists(db: DataSource, id: string, field: string): Promise<void> {
  if (!(await db.getRepository(User).existsBy({ id }))) throw BadUserInputError.field(field, `no user with id ${id}`);
}

/** Live accounts only: a deleted account cannot become a parent. */
async function assertAccountExists(manager: EntityManager, id: string, field: string): Promise<void> {
  if (!(await manager.getRepository(Account).existsBy({ id }))) throw BadUserInputError.field(field, `no account with id ${id}`);
}

/**
 * In the parent change's transaction, before its row is locked: waits for the other parent changes
 * (`ADVISORY_LOCKS.accountHierarchy`, held until commit), then checks that the parent exists and is
 * not the account itself or one of its descendants. Two changes that each pass the check alone (A
 * under B, B under A) close a loop together, so each checks only once the one before has committed;
 * hierarchy changes are rare, so one lock for all of them costs nothing. Each statement of a READ COMMITTED transaction sees what committed before it began,
 * so the walk sees every parent change that held the lock before. The walk includes deleted accounts
 * on purpose: restoring one must not close a loop.
 */
async function assertNoCycle(manager: EntityManager, id: string, parentId: string): Promise<void> {
  await lockUntilCommit(manager, ADVISORY_LOCKS.accountHierarchy);
  await assertAccountExists(manager, parentId, 'input.parentId');
  const [{ cycle }] = await manager.query(
    `WITH RECURSIVE ancestors(id, parent_id) AS (
       SELECT id, parent_id FROM accounts.accounts WHERE id = $1
       UNION
       SELECT a.id, a.parent_id FROM accounts.accounts a JOIN ancestors ON a.id = ancestors.parent_id
     )
     SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = $2) AS cycle`,
    [parentId, id],
  );
  if (cycle) throw BadUserInputError.field('input.parentId', `account ${parentId} is ${id === parentId ? 'the account itself' : 'one of its subsidiaries'}; hierarchies cannot loop`);
}
