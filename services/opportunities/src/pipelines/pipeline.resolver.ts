import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  requireRole,
  UserRole,
  type FieldProblem,
} from '@crm/kernel';
import {
  definedOnly,
  idempotentCall,
  isForeignKeyViolation,
  isUniqueViolation,
  PageArgs,
  paginate,
  rejectNulls,
  runIdempotentCreate,
  SortDirection,
} from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Pipeline } from './pipeline.entity';
import { StageKind } from './stage-kind.enum';
import { Stage } from './stage.entity';
import { CreatePipelineInput } from './create-pipeline.input';
import type { CreateStageInput } from './create-stage.input';
import { PipelineConnection } from './pipeline-connection.type';
import { UpdatePipelineInput } from './update-pipeline.input';
import { UpdatePipelineStagesInput } from './update-pipeline-stages.input';

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

/** "1 deal", "3 deals". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * What a new stage list means for the stages a pipeline has: each id must be one of them, listed
 * once, with its kind unchanged (its deals and history were open, won or lost there); a stage left
 * out may go only if nothing ever used it (no deal, live or deleted, and no stage change).
 */
async function stageEditProblems(manager: EntityManager, pipeline: Pipeline, current: Stage[], input: UpdatePipelineStagesInput): Promise<{ problems: FieldProblem[]; removed: Stage[] }> {
  const problems: FieldProblem[] = [];
  const byId = new Map(current.map((stage) => [stage.id, stage]));
  const kept = new Set<string>();
  input.stages.forEach(({ id, kind }, index) => {
    if (!id) return;
    const existing = byId.get(id);
    if (!existing) problems.push({ field: `input.stages.${index}.id`, message: `expected the id of a stage of pipeline "${pipeline.name}", got ${id}` });
    else if (kept.has(id)) problems.push({ field: `input.stages.${index}.id`, message: `stage "${existing.name}" is listed more than once` });
    else if (existing.kind !== kind) {
      problems.push({ field: `input.stages.${index}.kind`, message: `stage "${existing.name}" is ${existing.kind} and stays so (its deals and history are); add a new stage for ${kind}` });
    }
    kept.add(id);
  });
  const removed = current.filter((stage) => !kept.has(stage.id));
  if (removed.length > 0) {
    const usage: { name: string; deals: number; changes: number }[] = await manager.query(
      `SELECT stage.name,
              (SELECT count(*) FROM opportunities.opportunities deal WHERE deal.stage_id = stage.id)::int AS deals,
              (SELECT count(*) FROM opportunities.stage_changes change WHERE stage.id IN (change.to_stage_id, change.from_stage_id))::int AS changes
         FROM opportunities.stages stage WHERE stage.id = ANY($1) ORDER BY stage.position`,
      [removed.map((stage) => stage.id)],
    );
    for (const { name, deals, changes } of usage.filter(({ deals, changes }) => deals + changes > 0)) {
      problems.push({
        field: 'input.stages',
        message: `stage "${name}" was left out but cannot be removed: ${count(deals, 'deal')} (deleted ones included) in it and ${count(changes, 'stage change')} referring to it; keep it in the list`,
      });
    }
  }
  return { problems, removed };
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
          if (problems.length > 0) throw BadUserInputError.of(problems);
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

  @Mutation(() => Pipeline, {
    description:
      'Replaces the stage list of a pipeline (ADMIN or MANAGER): renames, re-weights, reorders, adds and removes stages in one change. ' +
      'A stage keeps its kind, and one that was ever used cannot be removed. Weighted amounts, the forecast and the summaries follow at once',
  })
  async updatePipelineStages(
    @Arg('pipelineId', () => ID, { description: 'Id of the pipeline whose stages change' }) pipelineId: string,
    @Arg('input', () => UpdatePipelineStagesInput, { description: 'The new stage list' }) input: UpdatePipelineStagesInput,
    @Ctx() ctx: Context,
  ): Promise<Pipeline> {
    requireRole(ctx.principal, PIPELINE_ADMINS, 'change pipelines');
    const problems = stageProblems(input.stages);
    if (problems.length > 0) throw BadUserInputError.of(problems);
    try {
      await ctx.db.transaction(async (manager) => {
        // One edit of a pipeline's stages at a time: each reads the list the other would change.
        const pipeline = await manager.getRepository(Pipeline).createQueryBuilder('pipeline').setLock('pessimistic_write').where('pipeline.id = :pipelineId', { pipelineId }).getOne();
        if (!pipeline) throw new NotFoundError('Pipeline', pipelineId);
        const current = await manager.findBy(Stage, { pipelineId });
        const { problems, removed } = await stageEditProblems(manager, pipeline, current, input);
        if (problems.length > 0) throw BadUserInputError.of(problems);
        // Swapped names or positions pass through duplicates; checked at commit (migration 1768600000000).
        await manager.query('SET CONSTRAINTS opportunities.stages_pipeline_id_position_key, opportunities.stages_pipeline_id_name_key DEFERRED');
        if (removed.length > 0) await manager.delete(Stage, removed.map((stage) => stage.id));
        for (const [position, { id, name, kind, probability }] of input.stages.entries()) {
          if (id) await manager.update(Stage, { id }, { name, probability, position });
          else await manager.insert(Stage, { pipelineId, name, kind, probability, position });
        }
      });
    } catch (error) {
      // A deal moved into a stage being removed between the check and the delete.
      if (isForeignKeyViolation(error)) throw new ConflictError('A stage left out was just used by a deal; reload the pipeline and try again', { field: 'input.stages' });
      throw error;
    }
    ctx.loaders.stagesByPipelineId.clear(pipelineId);
    return ctx.db.getRepository(Pipeline).findOneByOrFail({ id: pipelineId });
  }
}
