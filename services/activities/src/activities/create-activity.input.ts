import { IdempotencyKeyField } from '@crm/kernel/subgraph';
import { IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
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

  @Field(() => ID, { nullable: true, description: 'The user responsible; default the caller. A REP may only name themselves' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Team the activity is shared with (a team id from the accounts service); default your own team when you own the activity, else none',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The account this activity belongs to' })
  @IsOptional()
  @IsUUID()
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person it was with or is about' })
  @IsOptional()
  @IsUUID()
  contactId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The deal it moves forward' })
  @IsOptional()
  @IsUUID()
  opportunityId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Score 0–10 the customer gave; FEEDBACK only' })
  @IsInt()
  @Min(0)
  @Max(10)
  feedbackScore?: number | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
