import { IdempotencyKeyField } from '@crm/kernel/subgraph';
import { IsEmail, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new contact at an account' })
export class CreateContactInput {
  @Field(() => ID, { description: 'The account the person works for' })
  @IsUUID()
  accountId!: string;

  @Field({ description: 'Given name, 1–100 characters' })
  @Length(1, 100)
  firstName!: string;

  @Field({ description: 'Family name, 1–100 characters' })
  @Length(1, 100)
  lastName!: string;

  @Field(() => String, { nullable: true, description: 'E-mail address' })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number: digits, spaces and + ( ) - / . only' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()\-/.]{3,30}$/, { message: 'phone must be 3–30 characters of digits, spaces and + ( ) - / .' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title' })
  @IsOptional()
  @Length(1, 200)
  jobTitle?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
