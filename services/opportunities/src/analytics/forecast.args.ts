import { GraphQLLocalDate } from '@crm/kernel';
import { OptionalIdField } from '@crm/kernel/subgraph';
import { ArgsType, Field } from 'type-graphql';
import { ConvertedMoneyArgs } from './converted-money.args';
import { ForecastPeriod } from './forecast-period.enum';

/** Longest forecast range; longer ones are mistakes (and thousands of periods). */
export const MAX_FORECAST_YEARS = 5;

@ArgsType()
export class ForecastArgs extends ConvertedMoneyArgs {
  @Field(() => GraphQLLocalDate, { description: 'First expected close day to count (YYYY-MM-DD)' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: `Last expected close day to count (YYYY-MM-DD); on or after \`from\`, at most ${MAX_FORECAST_YEARS} years after it` })
  to!: string;

  @Field(() => ForecastPeriod, { defaultValue: ForecastPeriod.MONTH, description: 'Split into months (default) or quarters' })
  groupBy: ForecastPeriod = ForecastPeriod.MONTH;

  @OptionalIdField('Only deals in this pipeline')
  pipelineId?: string | null;

  @OptionalIdField('Only deals owned by this user')
  ownerId?: string | null;

  @OptionalIdField('Only deals of this team')
  teamId?: string | null;
}
