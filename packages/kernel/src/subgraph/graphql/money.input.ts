import { IsISO4217CurrencyCode, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An amount of money in one currency' })
export class MoneyInput {
  @Field({ description: 'Decimal string with at most two fraction digits, e.g. "125000.00"' })
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: 'amount must be a non-negative decimal string with at most 2 fraction digits, e.g. "1250.50"' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "EUR"' })
  @IsISO4217CurrencyCode()
  currency!: string;
}
