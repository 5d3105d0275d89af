import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import { DEFAULT_TRAINING_PLAN } from './default-training-plan';
import { TrainingPlanStep } from './training-plan-step.entity';
import { TrainingPlan } from './training-plan.entity';
import { assertPipelineId } from './training-plan.rules';

/** The plan that applies to `pipelineId`: its own, with its steps in order, or the default one. */
export async function findTrainingPlan(manager: EntityManager, pipelineId: string): Promise<TrainingPlan> {
  const own = await manager.getRepository(TrainingPlan).findOneBy({ pipelineId });
  if (own) {
    own.isDefault = false;
    own.steps = await manager.getRepository(TrainingPlanStep).find({ where: { pipelineId }, order: { position: 'ASC' } });
    return own;
  }
  return Object.assign(new TrainingPlan(), {
    pipelineId,
    isDefault: true,
    updatedById: null,
    updatedAt: null,
    steps: DEFAULT_TRAINING_PLAN.map((step) => Object.assign(new TrainingPlanStep(), { ...step, pipelineId })),
  });
}

/** `Query.trainingPlan`: the plan that applies to a pipeline's won deals. */
export function trainingPlan(ctx: Context, pipelineId: string): Promise<TrainingPlan> {
  assertPipelineId(pipelineId);
  return findTrainingPlan(ctx.db.manager, pipelineId);
}
