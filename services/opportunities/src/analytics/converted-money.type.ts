import { Field, ObjectType } from 'type-graphql';
import { ExchangeRate } from '../exchange-rates/exchange-rate.entity';

/** What the analytics that sum money say about conversion; their result types extend this one. */
@ObjectType({ description: 'Not in the schema itself (no field returns it): the conversion fields its subclasses share' })
export class ConvertedMoney {
  @Field(() => String, { nullable: true, description: 'The currency every amount was converted into (the `convertTo` argument); null when sums are per currency' })
  convertedTo!: string | null;

  @Field(() => [ExchangeRate], { description: 'The rates the conversion used, one per currency converted from, as they were when the figures were computed; empty without conversion' })
  exchangeRates!: ExchangeRate[];
}
