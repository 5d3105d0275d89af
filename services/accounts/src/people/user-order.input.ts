import { type EnumValue, OrderInput, SortDirection, sortFields } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

export const UserOrderField = sortFields('UserOrderField', 'What to sort users by', {
  LAST_NAME: ['lastName', 'Family name'],
  EMAIL: ['email', 'E-mail address'],
  CREATED_AT: ['createdAt', 'When the user was created'],
});
export type UserOrderField = EnumValue<typeof UserOrderField>;

@InputType({ description: 'Sort order of a user list; ties are broken by id' })
export class UserOrder extends OrderInput(UserOrderField, { field: UserOrderField.LAST_NAME, direction: SortDirection.ASC }) {}

export const userSortOrder = UserOrder.sortOrder;
