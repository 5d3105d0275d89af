import { PageArgs } from '@crm/kernel/subgraph';
import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { UserFilter } from './user-filter.input';
import { UserOrder } from './user-order.input';

@ArgsType()
export class UserListArgs extends PageArgs {
  @Field(() => UserFilter, { nullable: true, description: 'Only users matching all these conditions' })
  @ValidateNested()
  filter?: UserFilter;

  @Field(() => UserOrder, { nullable: true, description: 'Sort order; default by family name, A first' })
  orderBy?: UserOrder;
}
