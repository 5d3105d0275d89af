import { PageArgs } from '@crm/kernel/subgraph';
import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ContactFilter } from './contact-filter.input';
import { ContactOrder } from './contact-order.input';

@ArgsType()
export class ContactListArgs extends PageArgs {
  @Field(() => ContactFilter, { nullable: true, description: 'Only contacts matching all these conditions' })
  @ValidateNested()
  filter?: ContactFilter;

  @Field(() => ContactOrder, { nullable: true, description: 'Sort order; default by family name, A first' })
  orderBy?: ContactOrder;
}
