import { GraphQLLocalDate } from '@crm/kernel';
import { ExpectedVersionField, MoneyInput, OptionalIdField } from '@crm/kernel/subgraph';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { LostReasonIdField, LostReasonNoteField } from './lost-reason.field';

@InputType({ description: 'Changes to an opportunity; omitted fields stay as they are' })
export class UpdateOpportunityInput {
  @Field({ nullable: true, description: 'New deal name, 1–200 characters' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @OptionalIdField('New owning user')
  ownerId?: string;

  @OptionalIdField('New team of the deal; null removes it from any team. Changing the owner does not change the team')
  teamId?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'New total value of the deal, possibly in another currency' })
  @IsOptional()
  @ValidateNested()
  amount?: MoneyInput;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'New expected close day (YYYY-MM-DD)' })
  expectedCloseDate?: string;

  @OptionalIdField('Move the deal to another account')
  accountId?: string;

  @OptionalIdField('Move the deal to this stage of its pipeline; recorded in the stage history exactly like moveOpportunityStage')
  stageId?: string;

  @LostReasonIdField()
  lostReasonId?: string | null;

  @LostReasonNoteField()
  lostReasonNote?: string | null;

  @ExpectedVersionField()
  expectedVersion?: number;
}
