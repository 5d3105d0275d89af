import { OptionalIdField, SearchTextField } from '@crm/kernel/subgraph';
import { Field, InputType } from 'type-graphql';
import { ActivityType } from './activity-type.enum';

@InputType({ description: 'Narrows a list of activities; all given conditions must hold' })
export class ActivityFilter {
  @OptionalIdField('Only activities linked to this account')
  accountId?: string;

  @OptionalIdField('Only activities linked to this contact')
  contactId?: string;

  @OptionalIdField('Only activities linked to this opportunity')
  opportunityId?: string;

  @OptionalIdField('Only activities owned by this user')
  ownerId?: string;

  @OptionalIdField('Only activities shared with this team')
  teamId?: string;

  @Field(() => ActivityType, { nullable: true, description: 'Only activities of this type' })
  type?: ActivityType;

  @Field({ nullable: true, description: 'true: only activities marked complete; false: only those not marked complete (combine with type TASK for open tasks)' })
  completed?: boolean;

  @Field({ nullable: true, description: 'true: only overdue tasks and trainings; false: everything that is not overdue' })
  overdue?: boolean;

  @Field(() => Date, { nullable: true, description: 'Only interactions that happened at or after this time' })
  occurredFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Only interactions that happened before this time (exclusive)' })
  occurredTo?: Date;

  @Field(() => Date, { nullable: true, description: 'Only tasks and trainings due before this time (exclusive)' })
  dueBefore?: Date;

  @SearchTextField('Case-insensitive text contained in the subject or body')
  search?: string;

  @Field({ nullable: true, description: 'Only deleted records, to restore them; ADMIN and MANAGER only' })
  deleted?: boolean;
}
