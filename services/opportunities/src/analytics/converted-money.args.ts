import { IsISO4217CurrencyCode, IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

/** The currency argument of the analytics that sum money; their argument classes extend this one. */
@ArgsType()
export class ConvertedMoneyArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Convert every amount into this ISO 4217 currency with the rates ADMINs set (`exchangeRates`), each deal rounded to cents, so each money list ' +
      'has one entry in this currency. Refused with BAD_USER_INPUT naming the pairs when a counted deal\'s currency has no rate into it. ' +
      'Left out: one entry per currency, never added together',
  })
  @IsOptional()
  @IsISO4217CurrencyCode()
  convertTo?: string | null;
}
