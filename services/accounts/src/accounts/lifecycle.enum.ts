import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

export const Lifecycle = graphqlEnum('Lifecycle', 'Where an account stands in its relationship with us', {
  PROSPECT: 'Not yet a customer; being courted',
  CUSTOMER: 'Has bought from us and is active',
  FORMER_CUSTOMER: 'Used to buy from us; worth winning back',
  PARTNER: 'Resells, refers or integrates with us',
});
export type Lifecycle = EnumValue<typeof Lifecycle>;
