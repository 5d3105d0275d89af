import { IsEmail, IsInt, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Changes to a contact; omitted fields stay as they are, null clears a field' })
export class UpdateContactInput {
  @Field(() => ID, { nullable: true, description: 'Move the person to another account' })
  @IsOptional()
  @IsUUID()
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

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused with CONFLICT if it changed since' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}
