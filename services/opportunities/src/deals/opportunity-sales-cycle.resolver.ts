import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { LostReason } from '../pipelines/lost-reason.entity';
import { Opportunity } from './opportunity.entity';
import { StageDuration } from './stage-duration.type';

/** The sales-cycle fields of a deal: why it was lost, and how long it spent in each stage. */
@Resolver(() => Opportunity)
export class OpportunitySalesCycleResolver {
  @FieldResolver(() => LostReason, {
    nullable: true,
    description: 'Why the deal was lost, from the managed list; null unless the deal is in a LOST stage (reopening or winning clears it)',
  })
  lostReason(@Root() opportunity: Opportunity, @Ctx() ctx: Context) {
    return opportunity.lostReasonId ? ctx.loaders.lostReasonById.load(opportunity.lostReasonId) : null;
  }

  @FieldResolver(() => [StageDuration], {
    description:
      'Every stay of the deal in a stage, oldest first, from its stage history: one entry per time it entered a stage (a stage entered twice appears twice). ' +
      'The last entry is the current stage, with leftAt null and days counted up to now, also for won and lost deals',
  })
  timeInStages(@Root() opportunity: Opportunity, @Ctx() ctx: Context) {
    return ctx.loaders.timeInStagesByOpportunityId.load(opportunity.id);
  }
}
