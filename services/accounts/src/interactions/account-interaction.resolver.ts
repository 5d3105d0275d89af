import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from '../accounts/account.entity';

/** The field this service adds to `Account` from the replicated interactions. */
@Resolver(() => Account)
export class AccountInteractionResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Whole days since anyone last called, met, e-mailed or heard feedback from the account (activities of type CALL, MEETING, EMAIL, FEEDBACK; ' +
      'deleted ones never count, planned ones once their time has come); null when never. Counts every such interaction, whoever logged it',
  })
  daysSinceLastInteraction(@Root() account: Account, @Ctx() ctx: Context): Promise<number | null> {
    return ctx.loaders.daysSinceInteractionByAccount.load(account.id);
  }
}
