import { IsISO4217CurrencyCode, IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class ExchangeRatesArgs {
  @Field(() => String, { nullable: true, description: 'Only the rates into this ISO 4217 currency, e.g. "EUR"' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  toCurrency?: string | null;
}
