import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from '../stubs/account.stub';
import { FeedbackComment } from './feedback-comment.type';
import { FeedbackSummary } from './feedback-summary.type';

/** The field this service adds to `Account` for the time after the sale: what its customers think. */
@Resolver(() => Account)
export class AccountFeedbackSummaryResolver {
  @FieldResolver(() => FeedbackSummary, { description: "Scores and comments from the account's FEEDBACK activities: count, average, NPS and the latest comments" })
  async feedbackSummary(@Root() account: Account, @Ctx() ctx: Context): Promise<Omit<FeedbackSummary, 'latestComments'>> {
    return { accountId: account.id, ...(await ctx.loaders.feedbackSummaryByAccount.load(account.id)) };
  }
}

@Resolver(() => FeedbackSummary)
export class FeedbackSummaryResolver {
  @FieldResolver(() => [FeedbackComment])
  async latestComments(@Root() summary: FeedbackSummary, @Ctx() ctx: Context): Promise<FeedbackComment[]> {
    const latest = await ctx.loaders.latestFeedbackByAccount.load(summary.accountId);
    return latest.map((activity) => ({ comment: activity.body!, score: activity.feedbackScore, occurredAt: activity.occurredAt!, activity }));
  }
}
