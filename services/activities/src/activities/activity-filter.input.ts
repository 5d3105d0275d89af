import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ActivityType } from './activity-type.enum';

@InputType({ description: 'Narrows a list of activities; all given conditions must hold' })
export class ActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Only activities linked to this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities linked to this contact' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities linked to this opportunity' })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities shared with this team' })
  @IsOptional()
  @IsUUID()
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

  @Field({ nullable: true, description: 'Case-insensitive text contained in the subject or body' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Only deleted records, to restore them; ADMIN and MANAGER only' })
  deleted?: boolean;
}
