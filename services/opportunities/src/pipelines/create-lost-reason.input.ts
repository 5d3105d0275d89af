import { IdempotencyKeyField } from '@crm/kernel/subgraph';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new entry of the lost-reason list' })
export class CreateLostReasonInput {
  @Field({ description: 'Short name, 1–100 characters (surrounding spaces are dropped), unique ignoring case among the active reasons, e.g. "Competitor"' })
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true, description: 'When to pick this reason, at most 500 characters' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
