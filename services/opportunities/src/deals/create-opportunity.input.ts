import { GraphQLLocalDate } from '@crm/kernel';
import { IdempotencyKeyField, MoneyInput, OptionalIdField } from '@crm/kernel/subgraph';
import { IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LostReasonIdField, LostReasonNoteField } from './lost-reason.field';

@InputType({ description: 'A new opportunity (deal); only name, account, amount and expected close date are required' })
export class CreateOpportunityInput {
  @Field({ description: 'Name of the deal, 1–200 characters, e.g. "Globex - CRM Enterprise"' })
  @Length(1, 200)
  name!: string;

  @Field(() => ID, { description: 'The account the deal is with (a UUID from the accounts service)' })
  @IsUUID()
  accountId!: string;

  @OptionalIdField('Owning user; default the caller')
  ownerId?: string | null;

  @OptionalIdField('Team the deal belongs to (a team id from the accounts service); default your own team when you own the deal, else none')
  teamId?: string | null;

  @OptionalIdField('Pipeline to put the deal in; default the pipeline of `stageId`, else the default pipeline')
  pipelineId?: string | null;

  @OptionalIdField('Stage to start in; default the first open stage of the pipeline')
  stageId?: string | null;

  @LostReasonIdField()
  lostReasonId?: string | null;

  @LostReasonNoteField()
  lostReasonNote?: string | null;

  @Field(() => MoneyInput, { description: 'Total value of the deal if won' })
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => GraphQLLocalDate, { description: 'The day the deal is expected to close (YYYY-MM-DD)' })
  expectedCloseDate!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
