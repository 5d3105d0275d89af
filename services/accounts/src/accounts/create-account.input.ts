import { IdempotencyKeyField, MoneyInput, OptionalIdField } from '@crm/kernel/subgraph';
import { IsFQDN, IsISO31661Alpha2, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { Lifecycle } from './lifecycle.enum';
import { Market } from './market.enum';
import { Tier } from './tier.enum';

@InputType({ description: 'A new account' })
export class CreateAccountInput {
  @Field({ description: 'Name of the organisation or household, 1–200 characters' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Main web domain, e.g. "acme.com"' })
  @IsOptional()
  @IsFQDN()
  domain?: string | null;

  @Field(() => String, { nullable: true, description: 'Industry, e.g. "Manufacturing"' })
  @IsOptional()
  @Length(1, 100)
  industry?: string | null;

  @Field(() => Market, { defaultValue: Market.BUSINESS, description: 'Business (default) or consumer' })
  market: Market = Market.BUSINESS;

  @Field(() => Tier, { defaultValue: Tier.STANDARD, description: 'Attention tier; default STANDARD' })
  tier: Tier = Tier.STANDARD;

  @Field(() => Lifecycle, { defaultValue: Lifecycle.PROSPECT, description: 'Lifecycle stage; default PROSPECT' })
  lifecycle: Lifecycle = Lifecycle.PROSPECT;

  @Field(() => MoneyInput, { nullable: true, description: 'Yearly revenue as reported' })
  @IsOptional()
  @ValidateNested()
  annualRevenue?: MoneyInput | null;

  @Field(() => Int, { nullable: true, description: 'Number of employees' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employeeCount?: number | null;

  @Field(() => String, { nullable: true, description: 'Country of the head office, ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string | null;

  @OptionalIdField('Parent account in a group hierarchy')
  parentId?: string | null;

  @OptionalIdField('Owning user; default the caller')
  ownerId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
