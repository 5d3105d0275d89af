import { BadUserInputError, type FieldProblem, isUuid } from '@crm/kernel';
import { MAX_OFFSET_DAYS, MAX_PLAN_STEPS, MAX_STEP_DESCRIPTION, type TrainingPlanStepInput } from './training-plan-step.input';

/** A pipeline id must be a UUID (it is not checked for existence: pipelines live in the opportunities subgraph). */
export function assertPipelineId(pipelineId: string): void {
  if (!isUuid(pipelineId)) throw BadUserInputError.field('pipelineId', `must be the id (a UUID) of a pipeline, got "${pipelineId.slice(0, 40)}"`);
}

/** Every problem of a plan, each naming its step, e.g. `steps[1].offsetDays`. */
export function planProblems(steps: TrainingPlanStepInput[]): FieldProblem[] {
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
