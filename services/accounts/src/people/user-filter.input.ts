import { UserRole } from '@crm/kernel';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

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
