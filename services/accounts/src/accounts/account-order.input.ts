import { type EnumValue, OrderInput, SortDirection, sortFields } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

export const AccountOrderField = sortFields('AccountOrderField', 'What to sort accounts by', {
  NAME: ['name', 'Account name'],
  CREATED_AT: ['createdAt', 'When the account was created'],
  UPDATED_AT: ['updatedAt', 'When the account was last changed'],
});
export type AccountOrderField = EnumValue<typeof AccountOrderField>;

@InputType({ description: 'Sort order of an account list; ties are broken by id' })
export class AccountOrder extends OrderInput(AccountOrderField, { field: AccountOrderField.NAME, direction: SortDirection.ASC }) {}

export const accountSortOrder = AccountOrder.sortOrder;
