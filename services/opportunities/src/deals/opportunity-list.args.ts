import { PageArgs } from '@crm/kernel/subgraph';
import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { OpportunityFilter } from './opportunity-filter.input';
import { OpportunityOrder } from './opportunity-order.input';

@ArgsType()
export class OpportunityListArgs extends PageArgs {
  @Field(() => OpportunityFilter, { nullable: true, description: 'Only opportunities matching all these conditions' })
  @ValidateNested()
  filter?: OpportunityFilter;

  @Field(() => OpportunityOrder, { nullable: true, description: 'Sort order; default by expected close date, soonest first' })
  orderBy?: OpportunityOrder;
}
