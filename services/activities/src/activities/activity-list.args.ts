import { PageArgs } from '@crm/kernel/subgraph';
import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ActivityFilter } from './activity-filter.input';
import { ActivityOrder } from './activity-order.input';

@ArgsType()
export class ActivityListArgs extends PageArgs {
  @Field(() => ActivityFilter, { nullable: true, description: 'Only activities matching all these conditions' })
  @ValidateNested()
  filter?: ActivityFilter;

  @Field(() => ActivityOrder, { nullable: true, description: 'Sort order; default the timeline, newest first' })
  orderBy?: ActivityOrder;
}
