import { type ConnectionData } from '@crm/kernel/subgraph';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { User } from '../people/user.entity';
import { StaleAccountConnection } from './stale-account-connection.type';
import * as queries from './stale-account.queries';
import { StaleAccount } from './stale-account.type';
import { StaleAccountsArgs } from './stale-accounts.args';

@Resolver(() => StaleAccount)
export class StaleAccountResolver {
  @Query(() => StaleAccountConnection, {
    description:
      'Customers (lifecycle CUSTOMER) nobody has called, met, e-mailed or heard feedback from for more than their tier allows (`staleThresholds`: ' +
      'STRATEGIC 30 days, KEY 60, STANDARD 120 by default) or than `minDays`, longest quiet first, with the owner who should act. ' +
      'A customer never contacted counts from when its account was created',
  })
  staleAccounts(@Args() { tier, minDays, first, after }: StaleAccountsArgs, @Ctx() ctx: Context): Promise<ConnectionData<StaleAccount>> {
    return queries.staleAccounts(ctx, { tier, minDays, first, after });
  }

  @FieldResolver(() => User, { description: "The account's owner: the person who should get in touch" })
  owner(@Root() stale: StaleAccount, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(stale.account.ownerId);
  }
}
