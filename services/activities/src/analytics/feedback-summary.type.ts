import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LATEST_COMMENTS } from './latest-feedback.loader';
import { FeedbackComment } from './feedback-comment.type';

@ObjectType({
  description:
    "What an account's customers think, from its FEEDBACK activities with a 0–10 score (NPS style: 9–10 promoters, 7–8 passives, 0–6 detractors). " +
    'Only feedback you may read counts',
})
export class FeedbackSummary {
  /** The account, to load `latestComments` for. */
  accountId!: string;

  @Field(() => Int, { description: 'Scored FEEDBACK activities (responses); feedback without a score counts in none of the figures' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Average score, 0–10, to two decimals; null without responses' })
  average!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Net Promoter Score: % promoters − % detractors, from −100 to 100, to one decimal; null without responses',
  })
  nps!: number | null;

  @Field(() => Int, { description: 'Responses scoring 9 or 10' })
  promoters!: number;

  @Field(() => Int, { description: 'Responses scoring 7 or 8' })
  passives!: number;

  @Field(() => Int, { description: 'Responses scoring 0 to 6' })
  detractors!: number;

  @Field(() => [FeedbackComment], { description: `The ${LATEST_COMMENTS} latest feedback comments (scored or not), newest first` })
  latestComments!: FeedbackComment[];
}
