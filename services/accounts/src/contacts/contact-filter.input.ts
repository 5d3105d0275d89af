import { ForbiddenError, type Principal } from '@crm/kernel';
import { applyDeletedFilter, containsPattern, hidesContactDetails, readableBy } from '@crm/kernel/subgraph';
import { IsBoolean, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { Contact } from './contact.entity';
import { CONTACT_RECORD } from './contact.record';

@InputType({ description: 'Narrows a list of contacts; all given conditions must hold' })
export class ContactFilter {
  @Field(() => ID, { nullable: true, description: 'Only people at this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @Field({ nullable: true, description: 'Exact e-mail address, case-insensitive; FORBIDDEN for ANALYST, who may not see e-mail addresses' })
  @IsOptional()
  @MaxLength(320)
  email?: string;

  @Field({ nullable: true, description: 'Case-insensitive text contained in the name, e-mail or job title (for ANALYST: in the name or job title)' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Only deleted contacts, to restore them; ADMIN and MANAGER only' })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}

/**
 * Narrows `qb` to the contacts `principal` may read (live ones, or deleted ones with `deleted`), then
 * to `filter`. Every list and count of contacts starts here, so none can skip the access rule.
 * E-mail and phone are hidden from ANALYSTs, so they may not filter by them either: the rows that
 * match would give the hidden value away. Their `search` leaves e-mail out for the same reason.
 */
export function applyContactFilter(
  qb: SelectQueryBuilder<Contact>,
  filter: ContactFilter | undefined | null,
  principal: Principal,
): SelectQueryBuilder<Contact> {
  const c = qb.alias;
  applyDeletedFilter(readableBy(qb, CONTACT_RECORD, principal), principal, filter?.deleted);
  if (!filter) return qb;
  const hidden = hidesContactDetails(principal);
  if (filter.email && hidden) {
    throw new ForbiddenError(`As ${principal.role} you may not filter contacts by filter.email: e-mail addresses and phone numbers are hidden from you`);
  }
  if (filter.accountId) qb.andWhere(`${c}.accountId = :accountId`, { accountId: filter.accountId });
  if (filter.email) qb.andWhere(`lower(${c}.email) = :email`, { email: filter.email.toLowerCase() });
  if (filter.search) {
    const searched = [`lower(${c}.firstName || ' ' || ${c}.lastName)`, ...(hidden ? [] : [`lower(${c}.email)`]), `lower(${c}.jobTitle)`];
    qb.andWhere(`(${searched.map((column) => `${column} LIKE :search`).join(' OR ')})`, { search: containsPattern(filter.search) });
  }
  return qb;
}
