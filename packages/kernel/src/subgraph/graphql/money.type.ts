import { Directive, Field, ObjectType } from 'type-graphql';

/** A sum of money. Amounts are decimal strings so no float ever rounds a deal value. */
@Directive('@shareable')
@ObjectType({ description: 'An amount of money in one currency' })
export class Money {
  @Field({ description: 'Decimal amount with two fraction digits, e.g. "125000.00"; never a float' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "EUR"' })
  currency!: string;
}
