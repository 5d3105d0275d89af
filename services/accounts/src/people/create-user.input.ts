import { UserRole } from '@crm/kernel';
import { IdempotencyKeyField, OptionalIdField } from '@crm/kernel/subgraph';
import { IsEmail, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new CRM user (one of our own people)' })
export class CreateUserInput {
  @Field({ description: 'Work e-mail address, unique' })
  @IsEmail()
  email!: string;

  @Field({ description: 'Given name' })
  @Length(1, 100)
  firstName!: string;

  @Field({ description: 'Family name' })
  @Length(1, 100)
  lastName!: string;

  @Field(() => UserRole, { defaultValue: UserRole.REP, description: 'Role; default REP' })
  role: UserRole = UserRole.REP;

  @OptionalIdField('Team the person belongs to')
  teamId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
