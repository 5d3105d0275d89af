import { OrderInput, registerGraphqlEnum, SortDirection } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

/** Values are entity properties; each is a NOT NULL column, as keyset pagination requires. */
export enum AccountOrderField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerGraphqlEnum(AccountOrderField, 'AccountOrderField', 'What to sort accounts by', {
  NAME: 'Account name',
  CREATED_AT: 'When the account was created',
  UPDATED_AT: 'When the account was last changed',
});

@InputType({ description: 'Sort order of an account list; ties are broken by id' })
export class AccountOrder extends OrderInput(AccountOrderField, { field: AccountOrderField.NAME, direction: SortDirection.ASC }) {}

export const accountSortOrder = AccountOrder.sortOrder;
