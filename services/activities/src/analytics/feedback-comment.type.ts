import { Field, Int, ObjectType } from 'type-graphql';
import { Activity } from '../activities/activity.entity';

@ObjectType({ description: 'What a customer said in a FEEDBACK activity' })
export class FeedbackComment {
  @Field({ description: "The comment: the FEEDBACK activity's body" })
  comment!: string;

  @Field(() => Int, { nullable: true, description: 'The score 0–10 given with it; null when none was' })
  score!: number | null;

  @Field({ description: 'When the feedback was given' })
  occurredAt!: Date;

  @Field(() => Activity, { description: 'The FEEDBACK activity itself (who logged it, the contact who gave it)' })
  activity!: Activity;
}
