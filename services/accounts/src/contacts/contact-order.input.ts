import { type EnumValue, OrderInput, SortDirection, sortFields } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

export const ContactOrderField = sortFields('ContactOrderField', 'What to sort contacts by', {
  LAST_NAME: ['lastName', 'Family name'],
  CREATED_AT: ['createdAt', 'When the contact was created'],
  UPDATED_AT: ['updatedAt', 'When the contact was last changed'],
});
export type ContactOrderField = EnumValue<typeof ContactOrderField>;

@InputType({ description: 'Sort order of a contact list; ties are broken by id' })
export class ContactOrder extends OrderInput(ContactOrderField, { field: ContactOrderField.LAST_NAME, direction: SortDirection.ASC }) {}

export const contactSortOrder = ContactOrder.sortOrder;
