import { IdempotencyKeyField } from '@crm/kernel/subgraph';
import { IsInt, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LostReasonIdField, LostReasonNoteField } from './lost-reason.field';

@InputType({ description: 'Moves a deal to another stage of its pipeline' })
export class MoveOpportunityStageInput {
  @Field(() => ID, { description: 'The deal to move' })
  @IsUUID()
  opportunityId!: string;

  @Field(() => ID, { description: 'The stage to move it to; must belong to the deal\'s pipeline' })
  @IsUUID()
  stageId!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the move is refused with CONFLICT if the deal changed since' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  @LostReasonIdField()
  lostReasonId?: string | null;

  @LostReasonNoteField()
  lostReasonNote?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
