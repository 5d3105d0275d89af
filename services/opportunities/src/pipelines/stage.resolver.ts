import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Pipeline } from './pipeline.entity';
import { Stage } from './stage.entity';

@Resolver(() => Stage)
export class StageResolver {
  @FieldResolver(() => Pipeline, { description: 'The pipeline this stage is a step of' })
  pipeline(@Root() stage: Stage, @Ctx() ctx: Context) {
    return ctx.loaders.pipelineById.load(stage.pipelineId);
  }
}
