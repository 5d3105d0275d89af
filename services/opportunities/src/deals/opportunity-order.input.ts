import { type EnumValue, OrderInput, SortDirection, sortFields } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

export const OpportunityOrderField = sortFields('OpportunityOrderField', 'What to sort opportunities by', {
  NAME: ['name', 'Deal name'],
  AMOUNT: ['amountValue', 'Deal amount as a number, whatever the currency; filter by currency to compare like with like'],
  EXPECTED_CLOSE_DATE: ['expectedCloseDate', 'The day the deal is expected to close'],
  CREATED_AT: ['createdAt', 'When the deal was created'],
  UPDATED_AT: ['updatedAt', 'When the deal was last changed'],
});
export type OpportunityOrderField = EnumValue<typeof OpportunityOrderField>;

@InputType({ description: 'Sort order of an opportunity list; ties are broken by id' })
export class OpportunityOrder extends OrderInput(OpportunityOrderField, {
  field: OpportunityOrderField.EXPECTED_CLOSE_DATE,
  fieldDescription: 'What to sort by; default the expected close date',
  direction: SortDirection.ASC,
  directionDescription: 'Ascending (default) or descending',
}) {}

export const opportunitySortOrder = OpportunityOrder.sortOrder;
