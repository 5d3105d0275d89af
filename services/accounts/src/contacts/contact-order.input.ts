import { OrderInput, registerGraphqlEnum, SortDirection } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

/** Values are entity properties; each is a NOT NULL column, as keyset pagination requires. */
export enum ContactOrderField {
  LAST_NAME = 'lastName',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerGraphqlEnum(ContactOrderField, 'ContactOrderField', 'What to sort contacts by', {
  LAST_NAME: 'Family name',
  CREATED_AT: 'When the contact was created',
  UPDATED_AT: 'When the contact was last changed',
});

@InputType({ description: 'Sort order of a contact list; ties are broken by id' })
export class ContactOrder extends OrderInput(ContactOrderField, { field: ContactOrderField.LAST_NAME, direction: SortDirection.ASC }) {}

export const contactSortOrder = ContactOrder.sortOrder;
