import { SortDirection, type SortOrder } from '@crm/kernel/subgraph';
import { Field, InputType, registerEnumType } from 'type-graphql';

export enum UserOrderField {
  LAST_NAME = 'lastName',
  EMAIL = 'email',
  CREATED_AT = 'createdAt',
}

registerEnumType(UserOrderField, {
  name: 'UserOrderField',
  description: 'What to sort users by',
  valuesConfig: {
    LAST_NAME: { description: 'Family name' },
    EMAIL: { description: 'E-mail address' },
    CREATED_AT: { description: 'When the user was created' },
  },
});

@InputType({ description: 'Sort order of a user list; ties are broken by id' })
export class UserOrder {
  @Field(() => UserOrderField, { defaultValue: UserOrderField.LAST_NAME })
  field: UserOrderField = UserOrderField.LAST_NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

export function userSortOrder(order?: UserOrder | null): SortOrder {
  return { property: order?.field ?? UserOrderField.LAST_NAME, direction: order?.direction ?? SortDirection.ASC };
}
