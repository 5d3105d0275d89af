import { containsPattern } from '@crm/kernel';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { Contact } from '../entities/contact.entity';

@InputType({ description: 'Narrows a list of contacts; all given conditions must hold' })
export class ContactFilter {
  @Field(() => ID, { nullable: true, description: 'Only people at this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @Field({ nullable: true, description: 'Exact e-mail address, case-insensitive' })
  @IsOptional()
  @MaxLength(320)
  email?: string;

  @Field({ nullable: true, description: 'Case-insensitive text contained in the name, e-mail or job title' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

export function applyContactFilter(qb: SelectQueryBuilder<Contact>, filter: ContactFilter | undefined | null): SelectQueryBuilder<Contact> {
  const c = qb.alias;
  if (!filter) return qb;
  if (filter.accountId) qb.andWhere(`${c}.accountId = :accountId`, { accountId: filter.accountId });
  if (filter.email) qb.andWhere(`lower(${c}.email) = :email`, { email: filter.email.toLowerCase() });
  if (filter.search) {
    qb.andWhere(
      `(lower(${c}.firstName || ' ' || ${c}.lastName) LIKE :search OR lower(${c}.email) LIKE :search OR lower(${c}.jobTitle) LIKE :search)`,
      { search: containsPattern(filter.search) },
    );
  }
  return qb;
}
