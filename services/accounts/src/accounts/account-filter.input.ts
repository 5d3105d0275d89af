import { OptionalIdField, SearchTextField } from '@crm/kernel/subgraph';
import { IsBoolean, IsISO31661Alpha2, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Lifecycle } from './lifecycle.enum';
import { Market } from './market.enum';
import { Tier } from './tier.enum';

@InputType({ description: 'Narrows a list of accounts; all given conditions must hold' })
export class AccountFilter {
  @Field(() => Market, { nullable: true, description: 'Only business or only consumer accounts' })
  market?: Market;

  @Field(() => Tier, { nullable: true, description: 'Only accounts of this tier' })
  tier?: Tier;

  @Field(() => Lifecycle, { nullable: true, description: 'Only accounts in this lifecycle stage' })
  lifecycle?: Lifecycle;

  @OptionalIdField('Only accounts owned by this user')
  ownerId?: string;

  @OptionalIdField('Only direct subsidiaries of this account')
  parentId?: string;

  @Field({ nullable: true, description: 'true: only subsidiaries; false: only top-level accounts' })
  hasParent?: boolean;

  @Field({ nullable: true, description: 'Only accounts in this industry (exact match)' })
  @IsOptional()
  @MaxLength(200)
  industry?: string;

  @Field({ nullable: true, description: 'Only accounts headquartered in this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @SearchTextField('Case-insensitive text contained in the name or domain')
  search?: string;

  @Field({ nullable: true, description: 'Only deleted accounts, to restore them; ADMIN and MANAGER only' })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}
