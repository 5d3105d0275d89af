import { BadUserInputError, requireRole, UserRole, type FieldProblem } from '@crm/kernel';
import { isUUID } from 'class-validator';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { findTrainingPlan } from './find-training-plan';
import { TrainingPlan } from './training-plan.entity';
import { User } from '../stubs/user.stub';
import { MAX_OFFSET_DAYS, MAX_PLAN_STEPS, MAX_STEP_DESCRIPTION, TrainingPlanStepInput } from './training-plan-step.input';

function assertPipelineId(pipelineId: string): void {
  if (!isUUID(pipelineId)) throw BadUserInputError.field('pipelineId', `must be the id (a UUID) of a pipeline, got "${pipelineId.slice(0, 40)}"`);
}

/** Every problem of a plan, each naming its step, e.g. `steps[1].offsetDays`. */
function planProblems(steps: TrainingPlanStepInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (steps.length > MAX_PLAN_STEPS) problems.push({ field: 'steps', message: `at most ${MAX_PLAN_STEPS} steps, got ${steps.length}` });
  steps.forEach((step, i) => {
    const title = step.title.trim();
    if (title.length < 1 || title.length > 200) problems.push({ field: `steps[${i}].title`, message: `must be 1–200 characters, got ${title.length}` });
    if (!Number.isInteger(step.offsetDays) || step.offsetDays < 0 || step.offsetDays > MAX_OFFSET_DAYS) {
      problems.push({ field: `steps[${i}].offsetDays`, message: `must be 0 to ${MAX_OFFSET_DAYS} days, got ${step.offsetDays}` });
    }
    if ((step.description?.length ?? 0) > MAX_STEP_DESCRIPTION) {
      problems.push({ field: `steps[${i}].description`, message: `must be at most ${MAX_STEP_DESCRIPTION} characters, got ${step.description!.length}` });
    }
  });
  return problems;
}

@Resolver(() => TrainingPlan)
export class TrainingPlanResolver {
  @Query(() => TrainingPlan, {
    description: "The onboarding plan that applies to a pipeline's won deals: its own, or the default plan (kickoff after 3 days, admin training after 14, user training after 30)",
  })
  trainingPlan(@Arg('pipelineId', () => ID, { description: 'A pipeline of the opportunities subgraph' }) pipelineId: string, @Ctx() ctx: Context): Promise<TrainingPlan> {
    assertPipelineId(pipelineId);
    return findTrainingPlan(ctx.db.manager, pipelineId);
  }

  @Mutation(() => TrainingPlan, {
    description:
      "Sets a pipeline's onboarding plan, replacing the one it had; ADMIN only. Deals won from now on get a TRAINING task per step; " +
      'an empty list turns onboarding off for the pipeline. Plans already made for earlier wins stay as they are',
  })
  async setTrainingPlan(
    // The SDL lists arguments in reverse order of the parameters: pipelineId first.
    @Arg('steps', () => [TrainingPlanStepInput], { description: `The steps in order, at most ${MAX_PLAN_STEPS}` }) steps: TrainingPlanStepInput[],
    @Arg('pipelineId', () => ID, { description: 'A pipeline of the opportunities subgraph (not checked for existence: it lives in another service)' })
    pipelineId: string,
    @Ctx() ctx: Context,
  ): Promise<TrainingPlan> {
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

  @FieldResolver(() => User, { nullable: true, description: 'Who set the plan last; null for the default plan' })
  updatedBy(@Root() plan: TrainingPlan): User | null {
    return plan.isDefault ? null : { id: plan.updatedById };
  }
}
