import { GraphQLLocalDate } from '@crm/kernel';
import { IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
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

  @Field(() => ID, { nullable: true, description: 'Only deals in this pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deals owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deals of this team' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;
}
