import { SortDirection, type SortOrder } from '@crm/kernel/subgraph';
import { Field, InputType, registerEnumType } from 'type-graphql';

export enum ActivityOrderField {
  TIMELINE = 'timelineAt',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}

registerEnumType(ActivityOrderField, {
  name: 'ActivityOrderField',
  description: 'What to sort activities by',
  valuesConfig: {
    TIMELINE: { description: 'Timeline position (`timelineAt`): when it happened, else when it is due, else when it was logged' },
    CREATED_AT: { description: 'When the activity was logged' },
    UPDATED_AT: { description: 'When the activity was last changed' },
  },
});

@InputType({ description: 'Sort order of an activity list; ties are broken by id' })
export class ActivityOrder {
  @Field(() => ActivityOrderField, { defaultValue: ActivityOrderField.TIMELINE, description: 'What to sort by; default TIMELINE' })
  field: ActivityOrderField = ActivityOrderField.TIMELINE;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'Default DESC: newest first, as on a timeline' })
  direction: SortDirection = SortDirection.DESC;
}

export function activitySortOrder(order?: ActivityOrder | null): SortOrder {
  return { property: order?.field ?? ActivityOrderField.TIMELINE, direction: order?.direction ?? SortDirection.DESC };
}
