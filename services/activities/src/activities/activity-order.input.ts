import { OrderInput, registerGraphqlEnum, SortDirection } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

/** Values are entity properties; each is a NOT NULL column, as keyset pagination requires. */
export enum ActivityOrderField {
  TIMELINE = 'timelineAt',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerGraphqlEnum(ActivityOrderField, 'ActivityOrderField', 'What to sort activities by', {
  TIMELINE: 'Timeline position (`timelineAt`): when it happened, else when it is due, else when it was logged',
  CREATED_AT: 'When the activity was logged',
  UPDATED_AT: 'When the activity was last changed',
});

@InputType({ description: 'Sort order of an activity list; ties are broken by id' })
export class ActivityOrder extends OrderInput(ActivityOrderField, {
  field: ActivityOrderField.TIMELINE,
  fieldDescription: 'What to sort by; default TIMELINE',
  direction: SortDirection.DESC,
  directionDescription: 'Default DESC: newest first, as on a timeline',
}) {}

export const activitySortOrder = ActivityOrder.sortOrder;
