import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { User } from '../stubs/user.stub';
import { ExchangeRatePairArgs } from './exchange-rate-pair.args';
import { removeExchangeRate, setExchangeRate } from './exchange-rate.commands';
import { ExchangeRate } from './exchange-rate.entity';
import { listExchangeRates } from './exchange-rate.queries';
import { ExchangeRatesArgs } from './exchange-rates.args';
import { SetExchangeRateInput } from './set-exchange-rate.input';

@Resolver(() => ExchangeRate)
export class ExchangeRateResolver {
  @Query(() => [ExchangeRate], {
    description: 'The conversion table that `pipelineSummary` and `forecast` convert with (`convertTo`), by target then source currency; readable by every user',
  })
  exchangeRates(@Args() { toCurrency }: ExchangeRatesArgs, @Ctx() ctx: Context): Promise<ExchangeRate[]> {
    return listExchangeRates(ctx, toCurrency);
  }

  @Mutation(() => ExchangeRate, {
    description:
      'Sets the rate of one ordered currency pair (ADMIN), adding it or replacing the one before. Converted analytics use it from the next query on; ' +
      'the opposite direction is a pair of its own',
  })
  setExchangeRate(
    @Arg('input', () => SetExchangeRateInput, { description: 'The pair and its rate' }) input: SetExchangeRateInput,
    @Ctx() ctx: Context,
  ): Promise<ExchangeRate> {
    return setExchangeRate(ctx, input);
  }

  @Mutation(() => ExchangeRate, {
    description: 'Removes the rate of one ordered currency pair (ADMIN) and returns it; analytics converting that pair are refused from then on until a new rate is set',
  })
  removeExchangeRate(@Args() pair: ExchangeRatePairArgs, @Ctx() ctx: Context): Promise<ExchangeRate> {
    return removeExchangeRate(ctx, pair);
  }

  @FieldResolver(() => User, { description: 'The ADMIN who set the rate last' })
  updatedBy(@Root() rate: ExchangeRate): User {
    return { id: rate.updatedById };
  }
}
