import { OrderInput, registerGraphqlEnum, SortDirection } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

/** Values are entity properties; each is a NOT NULL column, as keyset pagination requires. */
export enum UserOrderField {
  LAST_NAME = 'lastName',
  EMAIL = 'email',
  CREATED_AT = 'createdAt',
}

registerGraphqlEnum(UserOrderField, 'UserOrderField', 'What to sort users by', {
  LAST_NAME: 'Family name',
  EMAIL: 'E-mail address',
  CREATED_AT: 'When the user was created',
});

@InputType({ description: 'Sort order of a user list; ties are broken by id' })
export class UserOrder extends OrderInput(UserOrderField, { field: UserOrderField.LAST_NAME, direction: SortDirection.ASC }) {}

export const userSortOrder = UserOrder.sortOrder;
