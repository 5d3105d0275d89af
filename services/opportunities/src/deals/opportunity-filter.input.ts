import { GraphQLLocalDate } from '@crm/kernel';
import { OptionalIdField, SearchTextField } from '@crm/kernel/subgraph';
import { IsBoolean, IsISO4217CurrencyCode, IsOptional, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { StageKind } from '../pipelines/stage-kind.enum';

const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;
const DECIMAL_MESSAGE = 'must be a non-negative decimal string with at most 2 fraction digits, e.g. "10000.00"';

@InputType({ description: 'Narrows a list of opportunities; all given conditions must hold' })
export class OpportunityFilter {
  @OptionalIdField('Only deals in this pipeline')
  pipelineId?: string;

  @OptionalIdField('Only deals currently in this stage')
  stageId?: string;

  @OptionalIdField('Only deals owned by this user')
  ownerId?: string;

  @OptionalIdField('Only deals of this team')
  teamId?: string;

  @OptionalIdField('Only deals with this account')
  accountId?: string;

  @Field(() => StageKind, { nullable: true, description: 'Only open, only won or only lost deals' })
  stageKind?: StageKind;

  @Field({ nullable: true, description: 'Only deals in this currency (ISO 4217, e.g. "EUR")' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @SearchTextField('Case-insensitive text contained in the deal name')
  search?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only deals expected to close on or after this day' })
  expectedCloseFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only deals expected to close on or before this day' })
  expectedCloseTo?: string;

  @Field({ nullable: true, description: 'Only deals worth at least this amount (decimal string, in the deal currency)' })
  @IsOptional()
  @Matches(DECIMAL, { message: `minAmount ${DECIMAL_MESSAGE}` })
  minAmount?: string;

  @Field({ nullable: true, description: 'Only deals worth at most this amount (decimal string, in the deal currency)' })
  @IsOptional()
  @Matches(DECIMAL, { message: `maxAmount ${DECIMAL_MESSAGE}` })
  maxAmount?: string;

  @Field({ nullable: true, description: 'Only deleted deals, to restore them; ADMIN and MANAGER only' })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}
