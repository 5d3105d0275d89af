import { UserRole } from '@crm/kernel';
import { IsEmail, IsInt, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Changes to a user; omitted fields stay as they are' })
export class UpdateUserInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  firstName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  lastName?: string;

  @Field(() => UserRole, { nullable: true })
  role?: UserRole;

  @Field(() => ID, { nullable: true, description: 'New team; null removes the person from any team' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field({ nullable: true, description: 'false when the person leaves; their records stay' })
  active?: boolean;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused with CONFLICT if it changed since' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}
