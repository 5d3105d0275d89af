import { Money } from '@crm/kernel/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from '../stubs/account.stub';
import { OpportunityConnection } from './opportunity-connection.type';
import { OpportunityListArgs } from './opportunity-list.args';
import { listOpportunitiesOfAccounts } from './opportunity.queries';

/** The fields this service adds to the accounts service's `Account`. */
@Resolver(() => Account)
export class AccountResolver {
  @FieldResolver(() => OpportunityConnection, { description: 'Deals with this account, filtered, sorted and paginated' })
  opportunities(@Root() account: Account, @Args() args: OpportunityListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Account.opportunities', args, (accountIds: readonly string[]) => listOpportunitiesOfAccounts(ctx, args, accountIds))
      .load(account.id);
  }

  @FieldResolver(() => [Money], {
    description: 'Total amount of the account\'s open deals, one entry per currency (currencies are never added together), by currency code; empty without open deals',
  })
  openPipelineValue(@Root() account: Account, @Ctx() ctx: Context): Promise<Money[]> {
    return ctx.loaders.openPipelineValueByAccountId.load(account.id);
  }
}
