import { IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class SalesCycleStatsArgs {
  @Field({ description: 'Count deals closed at or after this instant' })
  from!: Date;

  @Field({ description: 'Count deals closed before this instant; must be after `from`' })
  to!: Date;

  @Field(() => ID, { nullable: true, description: 'Only deals (and stages) of this pipeline; default all pipelines' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string | null;
}
