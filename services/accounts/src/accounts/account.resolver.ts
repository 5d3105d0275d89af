import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import {
  assertAssignable,
  AuditEntryConnection,
  auditCreated,
  auditTrail,
  definedOnly,
  deleteRecord,
  idempotentCall,
  PageArgs,
  paginate,
  paginateByParent,
  rejectNulls,
  restoreRecord,
  runIdempotentCreate,
  updateRecord,
  WRITING_ROLES,
  type MoneyInput,
} from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Account } from './account.entity';
import { ACCOUNT_RECORD } from './account.record';
import { Contact } from '../contacts/contact.entity';
import { User } from '../people/user.entity';
import { AccountConnection } from './account-connection.type';
import { applyAccountFilter } from './account-filter.input';
import { AccountListArgs } from './account-list.args';
import { accountSortOrder } from './account-order.input';
import { ContactConnection } from '../contacts/contact-connection.type';
import { applyContactFilter } from '../contacts/contact-filter.input';
import { ContactListArgs } from '../contacts/contact-list.args';
import { contactSortOrder } from '../contacts/contact-order.input';
import { CreateAccountInput } from './create-account.input';
import { UpdateAccountInput } from './update-account.input';

function revenueColumns(money: MoneyInput | null | undefined) {
  if (money === undefined) return {};
  return { annualRevenueAmount: money?.amount ?? null, annualRevenueCurrency: money?.currency.toUpperCase() ?? null };
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'One account by id; null when it does not exist or was deleted' })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Account | null> {
    return ctx.loaders.accountById.load(id);
  }

  @Query(() => AccountConnection, { description: 'Accounts, filtered, sorted and paginated' })
  accounts(@Args() { first, after, filter, orderBy }: AccountListArgs, @Ctx() ctx: Context) {
    const qb = applyAccountFilter(ctx.db.getRepository(Account).createQueryBuilder('account'), filter, ctx.principal);
    return paginate(qb, accountSortOrder(orderBy), { first, after });
  }

  @FieldResolver(() => User, { description: 'The user responsible for the account' })
  owner(@Root() account: Account, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(account.ownerId);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The parent account in a group hierarchy; null when there is none or it was deleted' })
  parent(@Root() account: Account, @Ctx() ctx: Context) {
    return account.parentId ? ctx.loaders.accountById.load(account.parentId) : null;
  }

  @FieldResolver(() => Account, {
    description:
      'The top-most ancestor of this account in its group hierarchy (the account itself when it has no parent). ' +
      'Two accounts with the same root belong to the same group. The walk stops below a deleted parent',
  })
  async hierarchyRoot(@Root() account: Account, @Ctx() ctx: Context): Promise<Account> {
    const rootId = await ctx.loaders.hierarchyRootIdByAccountId.load(account.id);
    if (!rootId || rootId === account.id) return account;
    return (await ctx.loaders.accountById.load(rootId)) ?? account;
  }

  @FieldResolver(() => AccountConnection, { description: 'Direct subsidiaries of this account' })
  children(@Root() account: Account, @Args() args: AccountListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Account.children', args, (parentIds: readonly string[]) =>
        paginateByParent(
          applyAccountFilter(ctx.db.getRepository(Account).createQueryBuilder('account'), args.filter, ctx.principal),
          'parentId',
          parentIds,
          accountSortOrder(args.orderBy),
          args,
        ),
      )
      .load(account.id);
  }

  @FieldResolver(() => ContactConnection, { description: 'People working at this account' })
  contacts(@Root() account: Account, @Args() args: ContactListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Account.contacts', args, (accountIds: readonly string[]) =>
        paginateByParent(
          applyContactFilter(ctx.db.getRepository(Contact).createQueryBuilder('contact'), args.filter, ctx.principal),
          'accountId',
          accountIds,
          contactSortOrder(args.orderBy),
          args,
        ),
      )
      .load(account.id);
  }

  @FieldResolver(() => AuditEntryConnection, { description: 'Who changed what on this account, newest first; ADMIN and MANAGER only' })
  auditTrail(@Root() account: Account, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return auditTrail(ctx.db, ctx.principal, ACCOUNT_RECORD.name, account.id, page);
  }

  @Mutation(() => Account, {
    description:
      'Creates an account; a REP may only create accounts they own, a MANAGER only for their team, an ANALYST none. ' +
      'A retry with the same `idempotencyKey` and input returns the first result',
  })
  async createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: Context): Promise<Account> {
    requireRole(ctx.principal, WRITING_ROLES, 'create accounts');
    assertAssignable(ctx.principal, input);
    const { idempotencyKey: _key, annualRevenue, ...fields } = input;
    const ownerId = input.ownerId ?? ctx.principal.userId;
    const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createAccount', input), {
      prepare: () =>
        Promise.all([assertUserExists(ctx.db, ownerId, 'input.ownerId'), input.parentId && assertAccountExists(ctx.db.manager, input.parentId, 'input.parentId')]),
      write: async (manager) => {
        const repository = manager.getRepository(Account);
        const saved = await repository.save(
          repository.create({ ...fields, ...revenueColumns(annualRevenue), country: input.country?.toUpperCase() ?? null, ownerId }),
        );
        await auditCreated(manager, ACCOUNT_RECORD, ctx.principal, saved.id);
        return saved.id;
      },
    });
    // A replayed create answers with the account as it is now, which may since have been deleted.
    const account = await ctx.loaders.accountById.load(id);
    if (!account) throw new NotFoundError('Account', id);
    return account;
  }

  @Mutation(() => Account, {
    description:
      'Changes an account: its owner, a MANAGER of the owner\'s team, or an ADMIN; a REP may not give it to someone else. ' +
      'Pass `expectedVersion` to refuse overwriting a newer change',
  })
  async updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    requireRole(ctx.principal, WRITING_ROLES, 'change accounts');
    rejectNulls(input, ['name', 'market', 'tier', 'lifecycle', 'ownerId']);
    assertAssignable(ctx.principal, input);
    const { expectedVersion, annualRevenue, ...fields } = input;
    // NOT_FOUND before any check of the input (and before the cycle query, which needs a valid id).
    if (!(await ctx.loaders.accountById.load(id))) throw new NotFoundError('Account', id);
    if (fields.ownerId) await assertUserExists(ctx.db, fields.ownerId, 'input.ownerId');
    const patch = { ...definedOnly(fields), ...revenueColumns(annualRevenue) };
    if (patch.country) patch.country = patch.country.toUpperCase();
    const { parentId } = fields;
    const hooks = parentId ? { beforeLock: (manager: EntityManager) => assertNoCycle(manager, id, parentId) } : {};
    const updated = await updateRecord(ctx.db, ACCOUNT_RECORD, ctx.principal, id, patch, expectedVersion, hooks);
    ctx.loaders.accountById.clear(id);
    return updated;
  }

  @Mutation(() => Account, {
    description:
      'Deletes an account: it vanishes from lists, lookups and `_entities` but can be restored (restoreAccount); its contacts and subsidiaries stay. ' +
      'Whoever may change the account may delete it; pass `expectedVersion` to refuse deleting a newer version',
  })
  async deleteAccount(
    @Arg('id', () => ID, { description: 'Id of the account to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    const deleted = await deleteRecord(ctx.db, ACCOUNT_RECORD, ctx.principal, id, expectedVersion);
    ctx.loaders.accountById.clear(id);
    return deleted;
  }

  @Mutation(() => Account, { description: 'Brings a deleted account back; ADMIN, or a MANAGER for their team\'s accounts' })
  async restoreAccount(@Arg('id', () => ID, { description: 'Id of the deleted account' }) id: string, @Ctx() ctx: Context): Promise<Account> {
    const restored = await restoreRecord(ctx.db, ACCOUNT_RECORD, ctx.principal, id);
    ctx.loaders.accountById.clear(id);
    return restored;
  }
}

async function assertUserExists(db: DataSource, id: string, field: string): Promise<void> {
  if (!(await db.getRepository(User).existsBy({ id }))) throw BadUserInputError.field(field, `no user with id ${id}`);
}

/** Live accounts only: a deleted account cannot become a parent. */
async function assertAccountExists(manager: EntityManager, id: string, field: string): Promise<void> {
  if (!(await manager.getRepository(Account).existsBy({ id }))) throw BadUserInputError.field(field, `no account with id ${id}`);
}

/**
 * Held by every parent change until it commits. Two changes that each pass the cycle check alone
 * (A under B, B under A) close a loop together, so each checks only once the one before it has
 * committed. Hierarchy changes are rare, so one lock for all of them costs nothing. A `hashtext` key
 * like the other named locks; the event logs' numbered locks lie outside its int4 range.
 */
const HIERARCHY_LOCK = 'crm:accounts:hierarchy';

/**
 * In the parent change's transaction, before its row is locked: waits for the other parent changes
 * (HIERARCHY_LOCK), then checks that the parent exists and is not the account itself or one of its
 * descendants. Each statement of a READ COMMITTED transaction sees what committed before it began,
 * so the walk sees every parent change that held the lock before. The walk includes deleted accounts
 * on purpose: restoring one must not close a loop.
 */
async function assertNoCycle(manager: EntityManager, id: string, parentId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [HIERARCHY_LOCK]);
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
