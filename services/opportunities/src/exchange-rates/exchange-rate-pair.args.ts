import { IsISO4217CurrencyCode } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class ExchangeRatePairArgs {
  @Field({ description: 'ISO 4217 code of the currency converted from, e.g. "USD"' })
  @IsISO4217CurrencyCode()
  fromCurrency!: string;

  @Field({ description: 'ISO 4217 code of the currency converted to, e.g. "EUR"' })
  @IsISO4217CurrencyCode()
  toCurrency!: string;
}
