import { OrderInput, registerGraphqlEnum, SortDirection } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

/** Values are entity properties; each is a NOT NULL column, as keyset pagination requires. */
export enum OpportunityOrderField {
  NAME = 'name',
  AMOUNT = 'amountValue',
  EXPECTED_CLOSE_DATE = 'expectedCloseDate',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerGraphqlEnum(OpportunityOrderField, 'OpportunityOrderField', 'What to sort opportunities by', {
  NAME: 'Deal name',
  AMOUNT: 'Deal amount as a number, whatever the currency; filter by currency to compare like with like',
  EXPECTED_CLOSE_DATE: 'The day the deal is expected to close',
  CREATED_AT: 'When the deal was created',
  UPDATED_AT: 'When the deal was last changed',
});

@InputType({ description: 'Sort order of an opportunity list; ties are broken by id' })
export class OpportunityOrder extends OrderInput(OpportunityOrderField, {
  field: OpportunityOrderField.EXPECTED_CLOSE_DATE,
  fieldDescription: 'What to sort by; default the expected close date',
  direction: SortDirection.ASC,
  directionDescription: 'Ascending (default) or descending',
}) {}

export const opportunitySortOrder = OpportunityOrder.sortOrder;
