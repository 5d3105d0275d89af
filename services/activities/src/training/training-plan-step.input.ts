import { Field, InputType, Int } from 'type-graphql';

/** Limits of a plan, checked in `setTrainingPlan` with messages naming the step (`steps[2].title`). */
export const MAX_PLAN_STEPS = 20;
export const MAX_OFFSET_DAYS = 3650;
export const MAX_STEP_DESCRIPTION = 2000;

@InputType({ description: 'One step of an onboarding plan' })
export class TrainingPlanStepInput {
  @Field({ description: 'What the training is, 1–200 characters, e.g. "Admin training"; becomes the TRAINING task\'s subject' })
  title!: string;

  @Field(() => Int, { description: `Days after the win the training is due, 0 to ${MAX_OFFSET_DAYS}` })
  offsetDays!: number;

  @Field(() => String, { nullable: true, description: `What to cover, at most ${MAX_STEP_DESCRIPTION} characters; becomes the task's body` })
  description?: string | null;
}
