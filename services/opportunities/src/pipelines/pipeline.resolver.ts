import { PageArgs } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CreatePipelineInput } from './create-pipeline.input';
import { PipelineConnection } from './pipeline-connection.type';
import { createPipeline, updatePipeline, updatePipelineStages } from './pipeline.commands';
import { Pipeline } from './pipeline.entity';
import { listPipelines } from './pipeline.queries';
import { Stage } from './stage.entity';
import { UpdatePipelineInput } from './update-pipeline.input';
import { UpdatePipelineStagesInput } from './update-pipeline-stages.input';

@Resolver(() => Pipeline)
export class PipelineResolver {
  @Query(() => Pipeline, { nullable: true, description: 'One pipeline by id; null when it does not exist' })
  pipeline(@Arg('id', () => ID, { description: 'Id of the pipeline' }) id: string, @Ctx() ctx: Context): Promise<Pipeline | null> {
    return ctx.loaders.pipelineById.load(id);
  }

  @Query(() => PipelineConnection, { description: 'All pipelines, by name' })
  pipelines(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return listPipelines(ctx, page);
  }

  @FieldResolver(() => [Stage], { description: 'The steps of the pipeline in order, first stage first' })
  stages(@Root() pipeline: Pipeline, @Ctx() ctx: Context) {
    return ctx.loaders.stagesByPipelineId.load(pipeline.id);
  }

  @Mutation(() => Pipeline, {
    description: 'Sets up a pipeline with its stages (ADMIN or MANAGER); a retry with the same `idempotencyKey` and input returns the first result',
  })
  createPipeline(@Arg('input', () => CreatePipelineInput, { description: 'The new pipeline' }) input: CreatePipelineInput, @Ctx() ctx: Context): Promise<Pipeline> {
    return createPipeline(ctx, input);
  }

  @Mutation(() => Pipeline, { description: 'Renames a pipeline or makes it the default (ADMIN or MANAGER)' })
  updatePipeline(
    @Arg('id', () => ID, { description: 'Id of the pipeline to change' }) id: string,
    @Arg('input', () => UpdatePipelineInput, { description: 'The changes' }) input: UpdatePipelineInput,
    @Ctx() ctx: Context,
  ): Promise<Pipeline> {
    return updatePipeline(ctx, id, input);
  }

  @Mutation(() => Pipeline, {
    description:
      'Replaces the stage list of a pipeline (ADMIN or MANAGER): renames, re-weights, reorders, adds and removes stages in one change. ' +
      'A stage keeps its kind, and one that was ever used cannot be removed. Weighted amounts, the forecast and the summaries follow at once',
  })
  updatePipelineStages(
    @Arg('pipelineId', () => ID, { description: 'Id of the pipeline whose stages change' }) pipelineId: string,
    @Arg('input', () => UpdatePipelineStagesInput, { description: 'The new stage list' }) input: UpdatePipelineStagesInput,
    @Ctx() ctx: Context,
  ): Promise<Pipeline> {
    return updatePipelineStages(ctx, pipelineId, input);
  }
}
