import { SortDirection, type SortOrder } from '@crm/kernel/subgraph';
import { Field, InputType, registerEnumType } from 'type-graphql';

export enum ContactOrderField {
  LAST_NAME = 'lastName',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerEnumType(ContactOrderField, {
  name: 'ContactOrderField',
  description: 'What to sort contacts by',
  valuesConfig: {
    LAST_NAME: { description: 'Family name' },
    CREATED_AT: { description: 'When the contact was created' },
    UPDATED_AT: { description: 'When the contact was last changed' },
  },
});

@InputType({ description: 'Sort order of a contact list; ties are broken by id' })
export class ContactOrder {
  @Field(() => ContactOrderField, { defaultValue: ContactOrderField.LAST_NAME })
  field: ContactOrderField = ContactOrderField.LAST_NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

export function contactSortOrder(order?: ContactOrder | null): SortOrder {
  return { property: order?.field ?? ContactOrderField.LAST_NAME, direction: order?.direction ?? SortDirection.ASC };
}
