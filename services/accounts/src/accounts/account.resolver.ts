import { auditTrail, AuditEntryConnection, PageArgs } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from './account.entity';
import { ACCOUNT_RECORD } from './account.record';
import { User } from '../people/user.entity';
import { AccountConnection } from './account-connection.type';
import { AccountListArgs } from './account-list.args';
import { ContactConnection } from '../contacts/contact-connection.type';
import { ContactListArgs } from '../contacts/contact-list.args';
import * as contactQueries from '../contacts/contact.queries';
import * as commands from './account.commands';
import * as queries from './account.queries';
import { CreateAccountInput } from './create-account.input';
import { UpdateAccountInput } from './update-account.input';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'One account by id; null when it does not exist or was deleted' })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Account | null> {
    return ctx.loaders.accountById.load(id);
  }

  @Query(() => AccountConnection, { description: 'Accounts, filtered, sorted and paginated' })
  accounts(@Args() { first, after, filter, orderBy }: AccountListArgs, @Ctx() ctx: Context) {
    return queries.listAccounts(ctx.db, ctx.principal, { first, after, filter, orderBy });
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
      .get('Account.children', args, (parentIds: readonly string[]) => queries.childAccountsOf(ctx.db, ctx.principal, args, parentIds))
      .load(account.id);
  }

  @FieldResolver(() => ContactConnection, { description: 'People working at this account' })
  contacts(@Root() account: Account, @Args() args: ContactListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Account.contacts', args, (accountIds: readonly string[]) => contactQueries.contactsOfAccounts(ctx.db, ctx.principal, args, accountIds))
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
  createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: Context): Promise<Account> {
    return commands.createAccount(ctx, input);
  }

  @Mutation(() => Account, {
    description:
      'Changes an account: its owner, a MANAGER of the owner\'s team, or an ADMIN; a REP may not give it to someone else. ' +
      'Pass `expectedVersion` to refuse overwriting a newer change',
  })
  updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return commands.updateAccount(ctx, id, input);
  }

  @Mutation(() => Account, {
    description:
      'Deletes an account: it vanishes from lists, lookups and `_entities` but can be restored (restoreAccount); its contacts and subsidiaries stay. ' +
      'Whoever may change the account may delete it; pass `expectedVersion` to refuse deleting a newer version',
  })
  deleteAccount(
    @Arg('id', () => ID, { description: 'Id of the account to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return commands.deleteAccount(ctx, id, expectedVersion);
  }

  @Mutation(() => Account, { description: 'Brings a deleted account back; ADMIN, or a MANAGER for their team\'s accounts' })
  restoreAccount(@Arg('id', () => ID, { description: 'Id of the deleted account' }) id: string, @Ctx() ctx: Context): Promise<Account> {
    return commands.restoreAccount(ctx, id);
  }
}
