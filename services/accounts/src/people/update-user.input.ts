import { UserRole } from '@crm/kernel';
import { ExpectedVersionField, OptionalIdField } from '@crm/kernel/subgraph';
import { IsEmail, IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

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

  @OptionalIdField('New team; null removes the person from any team')
  teamId?: string | null;

  @Field({ nullable: true, description: 'false when the person leaves; their records stay' })
  active?: boolean;

  @ExpectedVersionField()
  expectedVersion?: number;
}
