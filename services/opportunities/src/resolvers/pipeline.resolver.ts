import {
  BadUserInputError,
  definedOnly,
  idempotentCall,
  isUniqueViolation,
  NotFoundError,
  PageArgs,
  paginate,
  rejectNulls,
  requireRole,
  runIdempotentCreate,
  SortDirection,
  UserRole,
  type FieldProblem,
} from '@crm/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Pipeline } from '../entities/pipeline.entity';
import { StageKind } from '../entities/stage-kind.enum';
import { Stage } from '../entities/stage.entity';
import { CreatePipelineInput } from './create-pipeline.input';
import type { CreateStageInput } from './create-stage.input';
import { PipelineConnection } from './pipeline-connection.type';
import { UpdatePipelineInput } from './update-pipeline.input';

/** Pipelines (and the lost reasons of their LOST stages) shape every team's forecast, so only people who run teams may change them. */
export const PIPELINE_ADMINS = [UserRole.ADMIN, UserRole.MANAGER];

function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `a pipeline named "${name}" already exists`);
}

/** Serialises changes of the default flag, so two requests cannot both make (or unmake) a default. */
async function lockDefaultPipeline(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['crm:opportunities:default-pipeline']);
}

/** What class-validator cannot see: the kinds a pipeline needs, unique names, and probabilities that fit the kind. */
function stageProblems(stages: CreateStageInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const kinds = [...new Set(stages.map((stage) => stage.kind))];
  for (const kind of [StageKind.OPEN, StageKind.WON, StageKind.LOST]) {
    if (!kinds.includes(kind)) {
      problems.push({
        field: 'input.stages',
        message: `needs at least one OPEN, one WON and one LOST stage; got no ${kind} stage (kinds given: ${kinds.join(', ') || 'none'})`,
      });
    }
  }
  const firstIndexByName = new Map<string, number>();
  stages.forEach((stage, index) => {
    const key = stage.name.trim().toLowerCase();
    const first = firstIndexByName.get(key);
    if (first === undefined) firstIndexByName.set(key, index);
    else problems.push({ field: `input.stages.${index}.name`, message: `must be unique within the pipeline; "${stage.name}" is also the name of stage ${first}` });
    if (stage.kind === StageKind.WON && stage.probability !== 100) {
      problems.push({ field: `input.stages.${index}.probability`, message: `must be 100 for a WON stage, got ${stage.probability}` });
    }
    if (stage.kind === StageKind.LOST && stage.probability !== 0) {
      problems.push({ field: `input.stages.${index}.probability`, message: `must be 0 for a LOST stage, got ${stage.probability}` });
    }
  });
  return problems;
}

@Resolver(() => Pipeline)
export class PipelineResolver {
  @Query(() => Pipeline, { nullable: true, description: 'One pipeline by id; null when it does not exist' })
  pipeline(@Arg('id', () => ID, { description: 'Id of the pipeline' }) id: string, @Ctx() ctx: Context): Promise<Pipeline | null> {
    return ctx.loaders.pipelineById.load(id);
  }

  @Query(() => PipelineConnection, { description: 'All pipelines, by name' })
  pipelines(@Args() { first, after }: PageArgs, @Ctx() ctx: Context) {
    const qb = ctx.db.getRepository(Pipeline).createQueryBuilder('pipeline');
    return paginate(qb, { property: 'name', direction: SortDirection.ASC }, { first, after });
  }

  @FieldResolver(() => [Stage], { description: 'The steps of the pipeline in order, first stage first' })
  stages(@Root() pipeline: Pipeline, @Ctx() ctx: Context) {
    return ctx.loaders.stagesByPipelineId.load(pipeline.id);
  }

  @Mutation(() => Pipeline, {
    description: 'Sets up a pipeline with its stages (ADMIN or MANAGER); a retry with the same `idempotencyKey` and input returns the first result',
  })
  async createPipeline(@Arg('input', () => CreatePipelineInput, { description: 'The new pipeline' }) input: CreatePipelineInput, @Ctx() ctx: Context): Promise<Pipeline> {
    requireRole(ctx.principal, PIPELINE_ADMINS, 'set up pipelines');
    try {
      const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createPipeline', input), {
        prepare: async () => {
          const problems = stageProblems(input.stages);
          if (problems.length > 0) {
            throw new BadUserInputError(`Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
          }
        },
        write: async (manager) => {
          await lockDefaultPipeline(manager);
          const hasDefault = await manager.existsBy(Pipeline, { isDefault: true });
          const isDefault = input.isDefault || !hasDefault;
          if (isDefault && hasDefault) await manager.update(Pipeline, { isDefault: true }, { isDefault: false });
          const { identifiers } = await manager.insert(Pipeline, { name: input.name, isDefault });
          const pipelineId = identifiers[0].id as string;
          await manager.insert(
            Stage,
            input.stages.map(({ name, kind, probability }, position) => ({ pipelineId, name, kind, probability, position })),
          );
          return pipelineId;
        },
      });
      return await ctx.db.getRepository(Pipeline).findOneByOrFail({ id });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
  }

  @Mutation(() => Pipeline, { description: 'Renames a pipeline or makes it the default (ADMIN or MANAGER)' })
  async updatePipeline(
    @Arg('id', () => ID, { description: 'Id of the pipeline to change' }) id: string,
    @Arg('input', () => UpdatePipelineInput, { description: 'The changes' }) input: UpdatePipelineInput,
    @Ctx() ctx: Context,
  ): Promise<Pipeline> {
    requireRole(ctx.principal, PIPELINE_ADMINS, 'change pipelines');
    rejectNulls(input, ['name', 'isDefault']);
    if (!(await ctx.loaders.pipelineById.load(id))) throw new NotFoundError('Pipeline', id);
    try {
      await ctx.db.transaction(async (manager) => {
        await lockDefaultPipeline(manager);
        const pipeline = await manager.findOneBy(Pipeline, { id });
        if (!pipeline) throw new NotFoundError('Pipeline', id);
        if (input.isDefault === false && pipeline.isDefault) {
          throw BadUserInputError.field(
            'input.isDefault',
            `pipeline "${pipeline.name}" is the default and there must always be one; mark another pipeline as default instead of sending false`,
          );
        }
        if (input.isDefault && !pipeline.isDefault) await manager.update(Pipeline, { isDefault: true }, { isDefault: false });
        const patch = definedOnly(input);
        if (Object.keys(patch).length > 0) await manager.update(Pipeline, { id }, patch);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name ?? '');
      throw error;
    }
    const updated = await ctx.db.getRepository(Pipeline).findOneByOrFail({ id });
    ctx.loaders.pipelineById.clear(id).prime(id, updated);
    return updated;
  }
}
