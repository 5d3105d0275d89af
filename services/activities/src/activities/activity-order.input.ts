import { type EnumValue, OrderInput, SortDirection, sortFields } from '@crm/kernel/subgraph';
import { InputType } from 'type-graphql';

export const ActivityOrderField = sortFields('ActivityOrderField', 'What to sort activities by', {
  TIMELINE: ['timelineAt', 'Timeline position (`timelineAt`): when it happened, else when it is due, else when it was logged'],
  CREATED_AT: ['createdAt', 'When the activity was logged'],
  UPDATED_AT: ['updatedAt', 'When the activity was last changed'],
});
export type ActivityOrderField = EnumValue<typeof ActivityOrderField>;

@InputType({ description: 'Sort order of an activity list; ties are broken by id' })
export class ActivityOrder extends OrderInput(ActivityOrderField, {
  field: ActivityOrderField.TIMELINE,
  fieldDescription: 'What to sort by; default TIMELINE',
  direction: SortDirection.DESC,
  directionDescription: 'Default DESC: newest first, as on a timeline',
}) {}

export const activitySortOrder = ActivityOrder.sortOrder;
