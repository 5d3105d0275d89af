import { type Principal } from '@crm/kernel';
import { applyDeletedFilter, containsPattern, readableBy } from '@crm/kernel/subgraph';
import { IsBoolean, IsISO31661Alpha2, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { Account } from './account.entity';
import { ACCOUNT_RECORD } from './account.record';
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

  @Field(() => ID, { nullable: true, description: 'Only accounts owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only direct subsidiaries of this account' })
  @IsOptional()
  @IsUUID()
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

  @Field({ nullable: true, description: 'Case-insensitive text contained in the name or domain' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Only deleted accounts, to restore them; ADMIN and MANAGER only' })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}

/**
 * Narrows `qb` to the accounts `principal` may read (live ones, or deleted ones with `deleted`), then
 * to `filter`. Every list and count of accounts starts here, so none can skip the access rule.
 */
export function applyAccountFilter(
  qb: SelectQueryBuilder<Account>,
  filter: AccountFilter | undefined | null,
  principal: Principal,
): SelectQueryBuilder<Account> {
  const a = qb.alias;
  applyDeletedFilter(readableBy(qb, ACCOUNT_RECORD, principal), principal, filter?.deleted);
  if (!filter) return qb;
  if (filter.market) qb.andWhere(`${a}.market = :market`, { market: filter.market });
  if (filter.tier) qb.andWhere(`${a}.tier = :tier`, { tier: filter.tier });
  if (filter.lifecycle) qb.andWhere(`${a}.lifecycle = :lifecycle`, { lifecycle: filter.lifecycle });
  if (filter.ownerId) qb.andWhere(`${a}.ownerId = :ownerId`, { ownerId: filter.ownerId });
  if (filter.parentId) qb.andWhere(`${a}.parentId = :parentId`, { parentId: filter.parentId });
  if (filter.hasParent !== undefined && filter.hasParent !== null) {
    qb.andWhere(filter.hasParent ? `${a}.parentId IS NOT NULL` : `${a}.parentId IS NULL`);
  }
  if (filter.industry) qb.andWhere(`${a}.industry = :industry`, { industry: filter.industry });
  if (filter.country) qb.andWhere(`${a}.country = :country`, { country: filter.country.toUpperCase() });
  if (filter.search) {
    qb.andWhere(`(lower(${a}.name) LIKE :search OR lower(${a}.domain) LIKE :search)`, { search: containsPattern(filter.search) });
  }
  return qb;
}
