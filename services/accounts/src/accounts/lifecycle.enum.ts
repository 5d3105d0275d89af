import { registerEnumType } from 'type-graphql';

export enum Lifecycle {
  PROSPECT = 'PROSPECT',
  CUSTOMER = 'CUSTOMER',
  FORMER_CUSTOMER = 'FORMER_CUSTOMER',
  PARTNER = 'PARTNER',
}

registerEnumType(Lifecycle, {
  name: 'Lifecycle',
  description: 'Where an account stands in its relationship with us',
  valuesConfig: {
    PROSPECT: { description: 'Not yet a customer; being courted' },
    CUSTOMER: { description: 'Has bought from us and is active' },
    FORMER_CUSTOMER: { description: 'Used to buy from us; worth winning back' },
    PARTNER: { description: 'Resells, refers or integrates with us' },
  },
});
