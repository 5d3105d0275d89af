import { UserRole } from '@crm/kernel';
import { containsPattern } from '@crm/kernel/subgraph';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { User } from './user.entity';

@InputType({ description: 'Narrows a list of users; all given conditions must hold' })
export class UserFilter {
  @Field(() => UserRole, { nullable: true, description: 'Only users with this role' })
  role?: UserRole;

  @Field(() => ID, { nullable: true, description: 'Only members of this team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field({ nullable: true, description: 'true: only current staff; false: only people who left' })
  active?: boolean;

  @Field({ nullable: true, description: 'Case-insensitive text contained in the name or e-mail' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

export function applyUserFilter(qb: SelectQueryBuilder<User>, filter: UserFilter | undefined | null): SelectQueryBuilder<User> {
  const u = qb.alias;
  if (!filter) return qb;
  if (filter.role) qb.andWhere(`${u}.role = :role`, { role: filter.role });
  if (filter.teamId) qb.andWhere(`${u}.teamId = :teamId`, { teamId: filter.teamId });
  if (filter.active !== undefined && filter.active !== null) qb.andWhere(`${u}.active = :active`, { active: filter.active });
  if (filter.search) {
    qb.andWhere(`(lower(${u}.firstName || ' ' || ${u}.lastName) LIKE :search OR lower(${u}.email) LIKE :search)`, {
      search: containsPattern(filter.search),
    });
  }
  return qb;
}
