import { ExpectedVersionField, MoneyInput, OptionalIdField } from '@crm/kernel/subgraph';
import { IsFQDN, IsISO31661Alpha2, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { Lifecycle } from './lifecycle.enum';
import { Market } from './market.enum';
import { Tier } from './tier.enum';

@InputType({ description: 'Changes to an account; omitted fields stay as they are, null clears a field' })
export class UpdateAccountInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsFQDN()
  domain?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  industry?: string | null;

  @Field(() => Market, { nullable: true })
  market?: Market;

  @Field(() => Tier, { nullable: true })
  tier?: Tier;

  @Field(() => Lifecycle, { nullable: true })
  lifecycle?: Lifecycle;

  @Field(() => MoneyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  annualRevenue?: MoneyInput | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employeeCount?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string | null;

  @OptionalIdField('New parent account; null makes the account top-level')
  parentId?: string | null;

  @OptionalIdField('New owning user')
  ownerId?: string;

  @ExpectedVersionField()
  expectedVersion?: number;
}
