import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ForecastArgs, MAX_FORECAST_YEARS } from './forecast.args';
import { forecast } from './forecast.queries';
import { Forecast } from './forecast.type';

@Resolver(() => Forecast)
export class ForecastResolver {
  @Query(() => Forecast, {
    description:
      'Expected revenue of the open deals by expected close period (month or quarter), unweighted and weighted, per currency or converted into one; ' +
      `for the deals the caller may read, optionally of one pipeline, owner or team. \`from\` ≤ \`to\`, at most ${MAX_FORECAST_YEARS} years apart. One SQL query`,
  })
  forecast(@Args() args: ForecastArgs, @Ctx() ctx: Context): Promise<Forecast> {
    return forecast(ctx, args);
  }
}
