import { BadUserInputError, requireRole, UserRole } from '@crm/kernel';
import type { Context } from '../context';
import type { TrainingPlan } from './training-plan.entity';
import { findTrainingPlan } from './training-plan.queries';
import { assertPipelineId, planProblems } from './training-plan.rules';
import type { TrainingPlanStepInput } from './training-plan-step.input';

/**
 * Replaces a pipeline's onboarding plan (ADMIN only), in one transaction: the plan row (who set it,
 * when) and its steps in the order given. An empty list turns onboarding off for the pipeline.
 */
export async function setTrainingPlan(ctx: Context, pipelineId: string, steps: TrainingPlanStepInput[]): Promise<TrainingPlan> {
  requireRole(ctx.principal, [UserRole.ADMIN], 'configure training plans');
  assertPipelineId(pipelineId);
  const problems = planProblems(steps);
  if (problems.length > 0) throw BadUserInputError.of(problems);
  return ctx.db.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO activities.training_plans (pipeline_id, updated_by_id) VALUES ($1, $2)
       ON CONFLICT (pipeline_id) DO UPDATE SET updated_by_id = excluded.updated_by_id, updated_at = now()`,
      [pipelineId, ctx.principal.userId],
    );
    await manager.query('DELETE FROM activities.training_plan_steps WHERE pipeline_id = $1', [pipelineId]);
    if (steps.length > 0) {
      await manager.query(
        `INSERT INTO activities.training_plan_steps (pipeline_id, position, title, offset_days, description)
         SELECT $1, step.position - 1, step.title, step.offset_days, step.description
           FROM unnest($2::text[], $3::int[], $4::text[]) WITH ORDINALITY AS step(title, offset_days, description, position)`,
        [pipelineId, steps.map((s) => s.title.trim()), steps.map((s) => s.offsetDays), steps.map((s) => s.description ?? null)],
      );
    }
    return findTrainingPlan(manager, pipelineId);
  });
}
