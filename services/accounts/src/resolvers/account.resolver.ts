import {
  BadUserInputError,
  definedOnly,
  idempotentCall,
  NotFoundError,
  paginate,
  paginateByParent,
  rejectNulls,
  runIdempotentCreate,
  updateVersioned,
  type MoneyInput,
} from '@crm/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Account } from '../entities/account.entity';
import { Contact } from '../entities/contact.entity';
import { User } from '../entities/user.entity';
import { AccountConnection } from './account-connection.type';
import { applyAccountFilter } from './account-filter.input';
import { AccountListArgs } from './account-list.args';
import { accountSortOrder } from './account-order.input';
import { ContactConnection } from './contact-connection.type';
import { applyContactFilter } from './contact-filter.input';
import { ContactListArgs } from './contact-list.args';
import { contactSortOrder } from './contact-order.input';
import { CreateAccountInput } from './create-account.input';
import { UpdateAccountInput } from './update-account.input';

function revenueColumns(money: MoneyInput | null | undefined) {
  if (money === undefined) return {};
  return { annualRevenueAmount: money?.amount ?? null, annualRevenueCurrency: money?.currency.toUpperCase() ?? null };
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'One account by id; null when it does not exist' })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Account | null> {
    return ctx.loaders.accountById.load(id);
  }

  @Query(() => AccountConnection, { description: 'Accounts, filtered, sorted and paginated' })
  accounts(@Args() { first, after, filter, orderBy }: AccountListArgs, @Ctx() ctx: Context) {
    const qb = applyAccountFilter(ctx.db.getRepository(Account).createQueryBuilder('account'), filter);
    return paginate(qb, accountSortOrder(orderBy), { first, after });
  }

  @FieldResolver(() => User, { description: 'The user responsible for the account' })
  owner(@Root() account: Account, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(account.ownerId);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The parent account in a group hierarchy' })
  parent(@Root() account: Account, @Ctx() ctx: Context) {
    return account.parentId ? ctx.loaders.accountById.load(account.parentId) : null;
  }

  @FieldResolver(() => AccountConnection, { description: 'Direct subsidiaries of this account' })
  children(@Root() account: Account, @Args() args: AccountListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Account.children', args, (parentIds: readonly string[]) =>
        paginateByParent(applyAccountFilter(ctx.db.getRepository(Account).createQueryBuilder('account'), args.filter), 'parentId', parentIds, accountSortOrder(args.orderBy), args),
      )
      .load(account.id);
  }

  @FieldResolver(() => ContactConnection, { description: 'People working at this account' })
  contacts(@Root() account: Account, @Args() args: ContactListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Account.contacts', args, (accountIds: readonly string[]) =>
        paginateByParent(applyContactFilter(ctx.db.getRepository(Contact).createQueryBuilder('contact'), args.filter), 'accountId', accountIds, contactSortOrder(args.orderBy), args),
      )
      .load(account.id);
  }

  @Mutation(() => Account, { description: 'Creates an account; a retry with the same `idempotencyKey` and input returns the first result' })
  async createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: Context): Promise<Account> {
    const { idempotencyKey: _key, annualRevenue, ...fields } = input;
    const ownerId = input.ownerId ?? ctx.principal.userId;
    const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createAccount', input), {
      prepare: () =>
        Promise.all([assertUserExists(ctx.db, ownerId, 'input.ownerId'), input.parentId && assertAccountExists(ctx.db, input.parentId, 'input.parentId')]),
      write: async (manager) => {
        const repository = manager.getRepository(Account);
        const saved = await repository.save(
          repository.create({ ...fields, ...revenueColumns(annualRevenue), country: input.country?.toUpperCase() ?? null, ownerId }),
        );
        return saved.id;
      },
    });
    return ctx.db.getRepository(Account).findOneByOrFail({ id });
  }

  @Mutation(() => Account, { description: 'Changes an account; pass `expectedVersion` to refuse overwriting a newer change' })
  async updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    rejectNulls(input, ['name', 'market', 'tier', 'lifecycle', 'ownerId']);
    const { expectedVersion, annualRevenue, ...fields } = input;
    if (!(await ctx.loaders.accountById.load(id))) throw new NotFoundError('Account', id);
    if (fields.ownerId) await assertUserExists(ctx.db, fields.ownerId, 'input.ownerId');
    if (fields.parentId) await assertNoCycle(ctx.db, id, fields.parentId);
    const patch = { ...definedOnly(fields), ...revenueColumns(annualRevenue) };
    if (patch.country) patch.country = patch.country.toUpperCase();
    return updateVersioned(ctx.db.getRepository(Account), 'Account', id, patch, expectedVersion);
  }
}

async function assertUserExists(db: DataSource, id: string, field: string): Promise<void> {
  if (!(await db.getRepository(User).existsBy({ id }))) throw BadUserInputError.field(field, `no user with id ${id}`);
}

async function assertAccountExists(db: DataSource, id: string, field: string): Promise<void> {
  if (!(await db.getRepository(Account).existsBy({ id }))) throw BadUserInputError.field(field, `no account with id ${id}`);
}

/** A parent must exist and must not be the account itself or one of its descendants. */
async function assertNoCycle(db: DataSource, id: string, parentId: string): Promise<void> {
  await assertAccountExists(db, parentId, 'input.parentId');
  const [{ cycle }] = await db.query(
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
