import { ExpectedVersionField, OptionalIdField } from '@crm/kernel/subgraph';
import { IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ActivityType } from './activity-type.enum';
import { MAX_BODY_LENGTH } from './create-activity.input';

@InputType({ description: 'Changes to an activity; omitted fields stay as they are, null clears a field' })
export class UpdateActivityInput {
  @Field(() => ActivityType, { nullable: true, description: 'Correct the type, e.g. a CALL that was really a MEETING' })
  type?: ActivityType;

  @Field({ nullable: true, description: 'New one-line summary, 1–200 characters' })
  @IsOptional()
  @Length(1, 200)
  subject?: string;

  @Field(() => String, { nullable: true, description: `New details, at most ${MAX_BODY_LENGTH} characters; null removes them` })
  @IsOptional()
  @MaxLength(MAX_BODY_LENGTH)
  body?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it happened; null only for a task or training not yet done' })
  occurredAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'New due date of a task or training; null removes the deadline' })
  dueAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a task or training was done; null reopens it' })
  completedAt?: Date | null;

  @OptionalIdField('New responsible user; a REP may only name themselves')
  ownerId?: string;

  @OptionalIdField('New team the activity is shared with; null shares it with none. Changing the owner does not change the team')
  teamId?: string | null;

  @OptionalIdField('Link to another account; null unlinks (one link must remain)')
  accountId?: string | null;

  @OptionalIdField('Link to another contact; null unlinks (one link must remain)')
  contactId?: string | null;

  @OptionalIdField('Link to another opportunity; null unlinks (one link must remain)')
  opportunityId?: string | null;

  @Field(() => Int, { nullable: true, description: 'New score 0–10 of a FEEDBACK; null removes it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  feedbackScore?: number | null;

  @ExpectedVersionField()
  expectedVersion?: number;
}
