import { SortDirection, type SortOrder } from '@crm/kernel/subgraph';
import { Field, InputType, registerEnumType } from 'type-graphql';

export enum AccountOrderField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerEnumType(AccountOrderField, {
  name: 'AccountOrderField',
  description: 'What to sort accounts by',
  valuesConfig: {
    NAME: { description: 'Account name' },
    CREATED_AT: { description: 'When the account was created' },
    UPDATED_AT: { description: 'When the account was last changed' },
  },
});

@InputType({ description: 'Sort order of an account list; ties are broken by id' })
export class AccountOrder {
  @Field(() => AccountOrderField, { defaultValue: AccountOrderField.NAME })
  field: AccountOrderField = AccountOrderField.NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

export function accountSortOrder(order?: AccountOrder | null): SortOrder {
  return { property: order?.field ?? AccountOrderField.NAME, direction: order?.direction ?? SortDirection.ASC };
}
