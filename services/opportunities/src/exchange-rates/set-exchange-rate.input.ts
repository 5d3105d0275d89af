import { IsISO4217CurrencyCode, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'The rate of one ordered currency pair' })
export class SetExchangeRateInput {
  @Field({ description: 'ISO 4217 code of the currency converted from, e.g. "USD"' })
  @IsISO4217CurrencyCode()
  fromCurrency!: string;

  @Field({ description: 'ISO 4217 code of the currency converted to, e.g. "EUR"; not `fromCurrency`' })
  @IsISO4217CurrencyCode()
  toCurrency!: string;

  @Field({ description: 'Units of `toCurrency` per unit of `fromCurrency`: a positive decimal string, at most 10 integer and 10 fraction digits, e.g. "0.92"' })
  @Matches(/^\d{1,10}(\.\d{1,10})?$/, { message: 'rate must be a positive decimal string with at most 10 integer and 10 fraction digits, e.g. "0.92"' })
  rate!: string;
}
