import { GraphQLLocalDate } from '@crm/kernel';
import { IsBoolean, IsISO4217CurrencyCode, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { StageKind } from '../pipelines/stage-kind.enum';

const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;
const DECIMAL_MESSAGE = 'must be a non-negative decimal string with at most 2 fraction digits, e.g. "10000.00"';

@InputType({ description: 'Narrows a list of opportunities; all given conditions must hold' })
export class OpportunityFilter {
  @Field(() => ID, { nullable: true, description: 'Only deals in this pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals currently in this stage' })
  @IsOptional()
  @IsUUID()
  stageId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals of this team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals with this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @Field(() => StageKind, { nullable: true, description: 'Only open, only won or only lost deals' })
  stageKind?: StageKind;

  @Field({ nullable: true, description: 'Only deals in this currency (ISO 4217, e.g. "EUR")' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @Field({ nullable: true, description: 'Case-insensitive text contained in the deal name' })
  @IsOptional()
  @MaxLength(200)
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
