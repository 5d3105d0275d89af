import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { LostReason } from '../pipelines/lost-reason.entity';
import { StageChange } from './stage-change.entity';
import { Stage } from '../pipelines/stage.entity';
import { User } from '../stubs/user.stub';

@Resolver(() => StageChange)
export class StageChangeResolver {
  @FieldResolver(() => Stage, { nullable: true, description: 'The stage the deal left; null for the stage it was created in' })
  fromStage(@Root() change: StageChange, @Ctx() ctx: Context) {
    return change.fromStageId ? ctx.loaders.stageById.load(change.fromStageId) : null;
  }

  @FieldResolver(() => Stage, { description: 'The stage the deal entered' })
  toStage(@Root() change: StageChange, @Ctx() ctx: Context) {
    return ctx.loaders.stageById.load(change.toStageId);
  }

  @FieldResolver(() => LostReason, {
    nullable: true,
    description: 'Why the deal was lost, for a move into a LOST stage; null for other moves. Stays here after the deal is reopened',
  })
  lostReason(@Root() change: StageChange, @Ctx() ctx: Context) {
    return change.lostReasonId ? ctx.loaders.lostReasonById.load(change.lostReasonId) : null;
  }

  @FieldResolver(() => User, { description: 'Who moved the deal' })
  changedBy(@Root() change: StageChange): User {
    return { id: change.changedById };
  }
}
