import { SortDirection, type SortOrder } from '@crm/kernel/subgraph';
import { Field, InputType, registerEnumType } from 'type-graphql';

/** Values are entity properties; each is a NOT NULL column, as keyset pagination requires. */
export enum OpportunityOrderField {
  NAME = 'name',
  AMOUNT = 'amountValue',
  EXPECTED_CLOSE_DATE = 'expectedCloseDate',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerEnumType(OpportunityOrderField, {
  name: 'OpportunityOrderField',
  description: 'What to sort opportunities by',
  valuesConfig: {
    NAME: { description: 'Deal name' },
    AMOUNT: { description: 'Deal amount as a number, whatever the currency; filter by currency to compare like with like' },
    EXPECTED_CLOSE_DATE: { description: 'The day the deal is expected to close' },
    CREATED_AT: { description: 'When the deal was created' },
    UPDATED_AT: { description: 'When the deal was last changed' },
  },
});

@InputType({ description: 'Sort order of an opportunity list; ties are broken by id' })
export class OpportunityOrder {
  @Field(() => OpportunityOrderField, { defaultValue: OpportunityOrderField.EXPECTED_CLOSE_DATE, description: 'What to sort by; default the expected close date' })
  field: OpportunityOrderField = OpportunityOrderField.EXPECTED_CLOSE_DATE;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending (default) or descending' })
  direction: SortDirection = SortDirection.ASC;
}

export function opportunitySortOrder(order?: OpportunityOrder | null): SortOrder {
  return { property: order?.field ?? OpportunityOrderField.EXPECTED_CLOSE_DATE, direction: order?.direction ?? SortDirection.ASC };
}
