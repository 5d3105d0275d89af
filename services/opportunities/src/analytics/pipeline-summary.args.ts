import { IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { ConvertedMoneyArgs } from './converted-money.args';

@ArgsType()
export class PipelineSummaryArgs extends ConvertedMoneyArgs {
  @Field(() => ID, { description: 'The pipeline to summarise' })
  @IsUUID()
  pipelineId!: string;

  @Field(() => ID, { nullable: true, description: 'Only deals owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deals of this team' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;
}
