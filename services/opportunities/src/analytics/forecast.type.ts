import { GraphQLLocalDate } from '@crm/kernel';
import { Money } from '@crm/kernel/subgraph';
import { Field, Int, ObjectType } from 'type-graphql';
import { ForecastPeriod } from './forecast-period.enum';
import { ConvertedMoney } from './converted-money.type';

@ObjectType({ description: 'The open deals expected to close in one period of a forecast' })
export class ForecastPeriodSummary {
  @Field(() => GraphQLLocalDate, { description: 'First day counted: the first day of the period, or the forecast\'s `from` when that is later' })
  start!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day counted: the last day of the period, or the forecast\'s `to` when that is earlier' })
  end!: string;

  @Field({ description: 'The calendar period, e.g. "2026-11" for a month or "2026-Q4" for a quarter' })
  label!: string;

  @Field(() => Int, { description: 'Number of open deals expected to close between start and end' })
  count!: number;

  @Field(() => [Money], { description: 'Their total amount, one entry per currency by currency code (or one in `convertedTo`); empty when there are none' })
  amount!: Money[];

  @Field(() => [Money], {
    description: 'Their expected revenue: the sum of each deal\'s amount × its stage probability ÷ 100 (rounded to cents), one entry per currency (or one in `convertedTo`)',
  })
  weightedAmount!: Money[];
}

@ObjectType({
  description:
    'Expected revenue of the open deals by expected close date: the cash-flow view of the pipeline, unweighted and weighted by stage probability. ' +
    'Counts the deals the caller may read that are in an OPEN stage now; deleted deals never count',
})
export class Forecast extends ConvertedMoney {
  @Field(() => GraphQLLocalDate, { description: 'First expected close day counted' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last expected close day counted' })
  to!: string;

  @Field(() => ForecastPeriod, { description: 'The length of the periods' })
  groupBy!: ForecastPeriod;

  @Field(() => [ForecastPeriodSummary], { description: 'Every period from the one holding `from` to the one holding `to`, in order; periods without deals included' })
  periods!: ForecastPeriodSummary[];

  @Field(() => Int, { description: 'Number of open deals expected to close between from and to (the sum of the periods\' counts)' })
  count!: number;

  @Field(() => [Money], { description: 'Their total amount, one entry per currency (or one in `convertedTo`); currencies are never added together unconverted' })
  amount!: Money[];

  @Field(() => [Money], { description: 'Their total weighted amount, one entry per currency (or one in `convertedTo`)' })
  weightedAmount!: Money[];
}
