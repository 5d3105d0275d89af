import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the conversion table: what one unit of `fromCurrency` is worth in `toCurrency`. */
@Entity({ name: 'exchange_rates' })
@ObjectType({
  description:
    'A conversion rate that ADMINs set for one ordered currency pair: one unit of `fromCurrency` is worth `rate` units of `toCurrency`. ' +
    'Analytics convert only with a rate set for exactly that pair; a rate is never inverted or chained',
})
export class ExchangeRate {
  @PrimaryColumn({ type: 'char', length: 3 })
  @Field({ description: 'ISO 4217 code of the currency converted from, e.g. "USD"' })
  fromCurrency!: string;

  @PrimaryColumn({ type: 'char', length: 3 })
  @Field({ description: 'ISO 4217 code of the currency converted to, e.g. "EUR"' })
  toCurrency!: string;

  /** A decimal string (numeric, never a float), trailing zeros trimmed by the queries that read it. */
  @Column({ type: 'numeric', precision: 20, scale: 10 })
  @Field({ description: 'Units of `toCurrency` per unit of `fromCurrency`, an exact decimal string with up to 10 fraction digits and no trailing zeros, e.g. "0.92"' })
  rate!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  @Field({ description: 'When the rate was last set' })
  updatedAt!: Date;

  @Column({ type: 'uuid' })
  updatedById!: string;
}
