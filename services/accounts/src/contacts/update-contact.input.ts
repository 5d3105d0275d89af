import { ExpectedVersionField, OptionalIdField } from '@crm/kernel/subgraph';
import { IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Changes to a contact; omitted fields stay as they are, null clears a field' })
export class UpdateContactInput {
  @OptionalIdField('Move the person to another account')
  accountId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  firstName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  lastName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()\-/.]{3,30}$/, { message: 'phone must be 3–30 characters of digits, spaces and + ( ) - / .' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  jobTitle?: string | null;

  @ExpectedVersionField()
  expectedVersion?: number;
}
