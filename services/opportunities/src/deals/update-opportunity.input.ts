import { GraphQLLocalDate } from '@crm/kernel';
import { MoneyInput } from '@crm/kernel/subgraph';
import { IsInt, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LostReasonIdField, LostReasonNoteField } from './lost-reason.field';

@InputType({ description: 'Changes to an opportunity; omitted fields stay as they are' })
export class UpdateOpportunityInput {
  @Field({ nullable: true, description: 'New deal name, 1–200 characters' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New owning user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'New team of the deal; null removes it from any team. Changing the owner does not change the team' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'New total value of the deal, possibly in another currency' })
  @IsOptional()
  @ValidateNested()
  amount?: MoneyInput;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'New expected close day (YYYY-MM-DD)' })
  expectedCloseDate?: string;

  @Field(() => ID, { nullable: true, description: 'Move the deal to another account' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Move the deal to this stage of its pipeline; recorded in the stage history exactly like moveOpportunityStage',
  })
  @IsOptional()
  @IsUUID()
  stageId?: string;

  @LostReasonIdField()
  lostReasonId?: string | null;

  @LostReasonNoteField()
  lostReasonNote?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused with CONFLICT if it changed since' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}
