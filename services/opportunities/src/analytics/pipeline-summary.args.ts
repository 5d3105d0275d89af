import { OptionalIdField } from '@crm/kernel/subgraph';
import { IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { ConvertedMoneyArgs } from './converted-money.args';

@ArgsType()
export class PipelineSummaryArgs extends ConvertedMoneyArgs {
  @Field(() => ID, { description: 'The pipeline to summarise' })
  @IsUUID()
  pipelineId!: string;

  @OptionalIdField('Only deals owned by this user')
  ownerId?: string | null;

  @OptionalIdField('Only deals of this team')
  teamId?: string | null;
}
