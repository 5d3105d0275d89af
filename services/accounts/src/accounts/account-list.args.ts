import { PageArgs } from '@crm/kernel/subgraph';
import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { AccountFilter } from './account-filter.input';
import { AccountOrder } from './account-order.input';

@ArgsType()
export class AccountListArgs extends PageArgs {
  @Field(() => AccountFilter, { nullable: true, description: 'Only accounts matching all these conditions' })
  @ValidateNested()
  filter?: AccountFilter;

  @Field(() => AccountOrder, { nullable: true, description: 'Sort order; default by name, A first' })
  orderBy?: AccountOrder;
}
