import { BadUserInputError, ConflictError, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import { ADVISORY_LOCKS, definedOnly, idempotentCall, isForeignKeyViolation, lockUntilCommit, onUniqueViolation, rejectNulls, runIdempotentCreate } from '@crm/kernel/subgraph';
import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import type { CreatePipelineInput } from './create-pipeline.input';
import { Pipeline } from './pipeline.entity';
import { currentPipeline } from './pipeline.queries';
import { Stage } from './stage.entity';
import { stageEditProblems, stageProblems } from './stage-list.rules';
import type { UpdatePipelineInput } from './update-pipeline.input';
import type { UpdatePipelineStagesInput } from './update-pipeline-stages.input';

/** Pipelines (and the lost reasons of their LOST stages) shape every team's forecast, so only people who run teams may change them. */
export const PIPELINE_ADMINS = [UserRole.ADMIN, UserRole.MANAGER];

function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `a pipeline named "${name}" already exists`);
}

/** Serialises changes of the default flag, so two requests cannot both make (or unmake) a default. */
async function lockDefaultPipeline(manager: EntityManager): Promise<void> {
  await lockUntilCommit(manager, ADVISORY_LOCKS.defaultPipeline);
}

/** `createPipeline`: the pipeline with its stages; the first one becomes the default. A retry with the same key and input returns the first result. */
export async function createPipeline(ctx: Context, input: CreatePipelineInput): Promise<Pipeline> {
  requireRole(ctx.principal, PIPELINE_ADMINS, 'set up pipelines');
  const { id } = await onUniqueViolation(
    () =>
      runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createPipeline', input), {
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
      }),
    () => nameTaken(input.name),
  );
  return currentPipeline(ctx.db, id);
}

/** `updatePipeline`: renames it or makes it the default (there is always exactly one). */
export async function updatePipeline(ctx: Context, id: string, input: UpdatePipelineInput): Promise<Pipeline> {
  requireRole(ctx.principal, PIPELINE_ADMINS, 'change pipelines');
  rejectNulls(input, ['name', 'isDefault']);
  if (!(await ctx.loaders.pipelineById.load(id))) throw new NotFoundError('Pipeline', id);
  await onUniqueViolation(
    () =>
      ctx.db.transaction(async (manager) => {
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
      }),
    () => nameTaken(input.name ?? ''),
  );
  const updated = await currentPipeline(ctx.db, id);
  ctx.loaders.pipelineById.clear(id).prime(id, updated);
  return updated;
}

/**
 * `updatePipelineStages`: replaces the stage list in one transaction, the pipeline row locked. A stage
 * keeps its kind, and one that was ever used cannot be removed (stage-list.rules.ts).
 */
export async function updatePipelineStages(ctx: Context, pipelineId: string, input: UpdatePipelineStagesInput): Promise<Pipeline> {
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
  return currentPipeline(ctx.db, pipelineId);
}
