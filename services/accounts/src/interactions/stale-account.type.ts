import { Field, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { Tier } from '../accounts/tier.enum';

@ObjectType({ description: 'A customer nobody has talked to for longer than its tier allows, and who should act' })
export class StaleAccount {
  @Field(() => Account, { description: 'The customer' })
  account!: Account;

  @Field(() => Tier, { description: "The account's tier, which sets its threshold" })
  tier!: Tier;

  @Field(() => Date, { nullable: true, description: 'Its last call, meeting, e-mail or feedback; null when there never was one' })
  lastInteractionAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since its last interaction; null when there never was one' })
  daysSinceLastInteraction!: number | null;

  @Field({ description: 'Since when nobody has talked to the customer: its last interaction, or when the account was created if there was none; the list is sorted by it, oldest first' })
  quietSince!: Date;

  @Field(() => Int, { description: 'The limit it exceeded, in days: `minDays` when given, else its tier\'s threshold' })
  thresholdDays!: number;
}
