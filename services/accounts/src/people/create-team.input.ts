import { IdempotencyKeyField } from '@crm/kernel/subgraph';
import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new team' })
export class CreateTeamInput {
  @Field({ description: 'Team name, unique, 1–100 characters' })
  @Length(1, 100)
  name!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
