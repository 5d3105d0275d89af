import { Money } from '@crm/kernel/subgraph';
import { Field, Int, ObjectType } from 'type-graphql';
import { Pipeline } from '../pipelines/pipeline.entity';
import { Stage } from '../pipelines/stage.entity';
import { ConvertedMoney } from './converted-money.type';

@ObjectType({ description: 'The deals in one stage of a pipeline summary' })
export class StageSummary {
  @Field(() => Stage, { description: 'The stage' })
  stage!: Stage;

  @Field(() => Int, { description: 'Number of deals in the stage now' })
  count!: number;

  @Field(() => [Money], { description: 'Total amount of those deals, one entry per currency by currency code (or one in `convertedTo`); empty when there are none' })
  amount!: Money[];

  @Field(() => [Money], {
    description: 'Sum of their weighted amounts (each deal\'s amount × the stage probability ÷ 100, rounded to cents), one entry per currency (or one in `convertedTo`)',
  })
  weightedAmount!: Money[];
}

@ObjectType({
  description:
    'Where the deals of a pipeline stand: per stage and in total, the deals the caller may read (deleted deals never count). ' +
    'The stage counts add up to `count`, which equals `opportunities(filter: { pipelineId }).totalCount` for the same caller and filters',
})
export class PipelineSummary extends ConvertedMoney {
  @Field(() => Pipeline, { description: 'The pipeline summarised' })
  pipeline!: Pipeline;

  @Field(() => [StageSummary], { description: 'Every stage of the pipeline in pipeline order, stages without deals included (count 0)' })
  stages!: StageSummary[];

  @Field(() => Int, { description: 'Number of deals in the pipeline, open, won and lost' })
  count!: number;

  @Field(() => [Money], { description: 'Total amount of all its deals, one entry per currency (or one in `convertedTo`); currencies are never added together unconverted' })
  amount!: Money[];

  @Field(() => [Money], { description: 'Total weighted amount of all its deals (won deals at 100 %, lost at 0 %), one entry per currency (or one in `convertedTo`)' })
  weightedAmount!: Money[];
}
