import { OptionalIdField } from '@crm/kernel/subgraph';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class SalesCycleStatsArgs {
  @Field({ description: 'Count deals closed at or after this instant' })
  from!: Date;

  @Field({ description: 'Count deals closed before this instant; must be after `from`' })
  to!: Date;

  @OptionalIdField('Only deals (and stages) of this pipeline; default all pipelines')
  pipelineId?: string | null;
}
