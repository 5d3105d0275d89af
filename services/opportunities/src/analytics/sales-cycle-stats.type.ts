import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LostReason } from '../pipelines/lost-reason.entity';
import { Stage } from '../pipelines/stage.entity';

@ObjectType({ description: 'How the closed deals of a sales-cycle window went through one stage' })
export class StageCycleStats {
  @Field(() => Stage, { description: 'The stage' })
  stage!: Stage;

  @Field(() => Int, { description: 'Number of the window\'s closed deals that entered this stage at least once (each deal counted once)' })
  entered!: number;

  @Field(() => Int, {
    description:
      'Of the deals counted in `entered`: how many, after first entering this stage, later entered a stage further along the same pipeline ' +
      '(a higher position) that is not a LOST stage — i.e. moved forward instead of being lost from here. Always 0 for WON and LOST stages',
  })
  advanced!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Stage-to-stage conversion: advanced ÷ entered, from 0 to 1; null when no deal entered the stage, and for WON and LOST stages (nothing comes after them)',
  })
  conversionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Average days those deals spent in this stage per stay, from their stage history (entering it to leaving it; a deal that entered twice counts twice). ' +
      'Only stays that ended count, so WON and LOST stages have a value only for deals reopened from them; null when there is no such stay',
  })
  averageDaysInStage!: number | null;
}

@ObjectType({ description: 'How many deals of a sales-cycle window were lost for one reason' })
export class LostReasonCount {
  @Field(() => LostReason, { nullable: true, description: 'The reason; null for deals lost without one (before lost reasons were required)' })
  lostReason!: LostReason | null;

  @Field(() => Int, { description: 'Number of lost deals with this reason' })
  count!: number;
}

@ObjectType({
  description:
    'The sales cycle of the deals closed in a time window: those whose current stage is WON or LOST and whose closedAt is in [from, to). ' +
    'Only deals the caller may read count (a REP: their own and their team\'s); deleted deals never count',
})
export class SalesCycleStats {
  @Field({ description: 'Start of the window (inclusive)' })
  from!: Date;

  @Field({ description: 'End of the window (exclusive)' })
  to!: Date;

  @Field(() => Int, { description: 'Deals won in the window' })
  won!: number;

  @Field(() => Int, { description: 'Deals lost in the window' })
  lost!: number;

  @Field(() => Float, { nullable: true, description: 'won ÷ (won + lost), from 0 to 1; null when no deal closed in the window' })
  winRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average days from creation (createdAt) to closedAt of the won deals; null when none was won' })
  averageDaysToClose!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median days from creation to closedAt of the won deals (continuous percentile); null when none was won' })
  medianDaysToClose!: number | null;

  @Field(() => [StageCycleStats], {
    description: 'Every stage (of the pipeline, or of all pipelines by pipeline name) in pipeline order, with time in stage and conversion of the window\'s closed deals',
  })
  stages!: StageCycleStats[];

  @Field(() => [LostReasonCount], { description: 'The lost deals of the window by lost reason, most frequent first' })
  lostReasons!: LostReasonCount[];
}
