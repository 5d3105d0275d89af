import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Stage } from '../pipelines/stage.entity';
import { StageDuration } from './stage-duration.type';

@Resolver(() => StageDuration)
export class StageDurationResolver {
  @FieldResolver(() => Stage, { description: 'The stage the deal stayed in' })
  stage(@Root() stay: StageDuration, @Ctx() ctx: Context) {
    return ctx.loaders.stageById.load(stay.stageId);
  }
}
