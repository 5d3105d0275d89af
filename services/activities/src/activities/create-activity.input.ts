import { IdempotencyKeyField, OptionalIdField } from '@crm/kernel/subgraph';
import { IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ActivityType } from './activity-type.enum';

/** Longest body we accept: a long e-mail or meeting minutes, not an attachment. */
export const MAX_BODY_LENGTH = 20_000;

@InputType({ description: 'A new activity. Only type, subject and one link (account, contact or opportunity) are required' })
export class CreateActivityInput {
  @Field(() => ActivityType, { description: 'Call, meeting, e-mail, note, task, training or feedback' })
  type!: ActivityType;

  @Field({ description: 'One-line summary, 1–200 characters' })
  @Length(1, 200)
  subject!: string;

  @Field(() => String, { nullable: true, description: `Free-text details, at most ${MAX_BODY_LENGTH} characters` })
  @IsOptional()
  @MaxLength(MAX_BODY_LENGTH)
  body?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it happened. Default now for CALL, MEETING, EMAIL, NOTE and FEEDBACK; for TASK and TRAINING default completedAt (empty while open)',
  })
  occurredAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a task or training is due; TASK and TRAINING only' })
  dueAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a task or training was done, to log finished work; TASK and TRAINING only' })
  completedAt?: Date | null;

  @OptionalIdField('The user responsible; default the caller. A REP may only name themselves')
  ownerId?: string | null;

  @OptionalIdField('Team the activity is shared with (a team id from the accounts service); default your own team when you own the activity, else none')
  teamId?: string | null;

  @OptionalIdField('The account this activity belongs to')
  accountId?: string | null;

  @OptionalIdField('The person it was with or is about')
  contactId?: string | null;

  @OptionalIdField('The deal it moves forward')
  opportunityId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Score 0–10 the customer gave; FEEDBACK only' })
  @IsInt()
  @Min(0)
  @Max(10)
  feedbackScore?: number | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
