import { BadUserInputError, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import { queryRows } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ExchangeRate } from './exchange-rate.entity';
import { User } from '../stubs/user.stub';
import { ExchangeRatePairArgs } from './exchange-rate-pair.args';
import { ExchangeRatesArgs } from './exchange-rates.args';
import { SetExchangeRateInput } from './set-exchange-rate.input';

/** Rates steer every converted figure an analyst sees, so only ADMINs set them. */
const RATE_SETTERS = [UserRole.ADMIN];

/** The columns of `ExchangeRate`, the rate without trailing zeros ("0.92", not "0.9200000000"). */
const COLUMNS = `from_currency AS "fromCurrency", to_currency AS "toCurrency", trim_scale(rate)::text AS rate,
  updated_at AS "updatedAt", updated_by_id AS "updatedById"`;

@Resolver(() => ExchangeRate)
export class ExchangeRateResolver {
  @Query(() => [ExchangeRate], {
    description: 'The conversion table that `pipelineSummary` and `forecast` convert with (`convertTo`), by target then source currency; readable by every user',
  })
  exchangeRates(@Args() { toCurrency }: ExchangeRatesArgs, @Ctx() ctx: Context): Promise<ExchangeRate[]> {
    return queryRows<ExchangeRate>(
      ctx.db,
      `SELECT ${COLUMNS} FROM opportunities.exchange_rates
        WHERE CAST(:toCurrency AS text) IS NULL OR to_currency = :toCurrency
        ORDER BY to_currency, from_currency`,
      { toCurrency: toCurrency?.toUpperCase() ?? null },
    );
  }

  @Mutation(() => ExchangeRate, {
    description:
      'Sets the rate of one ordered currency pair (ADMIN), adding it or replacing the one before. Converted analytics use it from the next query on; ' +
      'the opposite direction is a pair of its own',
  })
  async setExchangeRate(
    @Arg('input', () => SetExchangeRateInput, { description: 'The pair and its rate' }) input: SetExchangeRateInput,
    @Ctx() ctx: Context,
  ): Promise<ExchangeRate> {
    requireRole(ctx.principal, RATE_SETTERS, 'set exchange rates');
    // Codes are stored in capitals, as in every money input.
    const [fromCurrency, toCurrency] = [input.fromCurrency.toUpperCase(), input.toCurrency.toUpperCase()];
    if (toCurrency === fromCurrency) throw BadUserInputError.field('input.toCurrency', `must differ from input.fromCurrency (${fromCurrency})`);
    if (!/[1-9]/.test(input.rate)) throw BadUserInputError.field('input.rate', `must be greater than 0, got "${input.rate}"`);
    const [rate] = await queryRows<ExchangeRate>(
      ctx.db,
      `INSERT INTO opportunities.exchange_rates (from_currency, to_currency, rate, updated_at, updated_by_id)
       VALUES (:fromCurrency, :toCurrency, :rate, now(), :updatedById)
       ON CONFLICT (to_currency, from_currency) DO UPDATE SET rate = EXCLUDED.rate, updated_at = now(), updated_by_id = EXCLUDED.updated_by_id
       RETURNING ${COLUMNS}`,
      { fromCurrency, toCurrency, rate: input.rate, updatedById: ctx.principal.userId },
    );
    return rate!;
  }

  @Mutation(() => ExchangeRate, {
    description: 'Removes the rate of one ordered currency pair (ADMIN) and returns it; analytics converting that pair are refused from then on until a new rate is set',
  })
  async removeExchangeRate(@Args() pair: ExchangeRatePairArgs, @Ctx() ctx: Context): Promise<ExchangeRate> {
    requireRole(ctx.principal, RATE_SETTERS, 'remove exchange rates');
    const [fromCurrency, toCurrency] = [pair.fromCurrency.toUpperCase(), pair.toCurrency.toUpperCase()];
    const [rate] = await queryRows<ExchangeRate>(
      ctx.db,
      // Through a CTE: TypeORM answers a bare DELETE … RETURNING with [rows, count] instead of the rows.
      `WITH removed AS (DELETE FROM opportunities.exchange_rates WHERE from_currency = :fromCurrency AND to_currency = :toCurrency RETURNING *)
       SELECT ${COLUMNS} FROM removed`,
      { fromCurrency, toCurrency },
    );
    if (!rate) throw new NotFoundError('ExchangeRate', `${fromCurrency} → ${toCurrency}`);
    return rate;
  }

  @FieldResolver(() => User, { description: 'The ADMIN who set the rate last' })
  updatedBy(@Root() rate: ExchangeRate): User {
    return { id: rate.updatedById };
  }
}
