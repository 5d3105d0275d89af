import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { User } from '../stubs/user.stub';
import { setTrainingPlan } from './training-plan.commands';
import { TrainingPlan } from './training-plan.entity';
import { trainingPlan } from './training-plan.queries';
import { MAX_PLAN_STEPS, TrainingPlanStepInput } from './training-plan-step.input';

@Resolver(() => TrainingPlan)
export class TrainingPlanResolver {
  @Query(() => TrainingPlan, {
    description: "The onboarding plan that applies to a pipeline's won deals: its own, or the default plan (kickoff after 3 days, admin training after 14, user training after 30)",
  })
  trainingPlan(@Arg('pipelineId', () => ID, { description: 'A pipeline of the opportunities subgraph' }) pipelineId: string, @Ctx() ctx: Context): Promise<TrainingPlan> {
    return trainingPlan(ctx, pipelineId);
  }

  @Mutation(() => TrainingPlan, {
    description:
      "Sets a pipeline's onboarding plan, replacing the one it had; ADMIN only. Deals won from now on get a TRAINING task per step; " +
      'an empty list turns onboarding off for the pipeline. Plans already made for earlier wins stay as they are',
  })
  setTrainingPlan(
    // The SDL lists arguments in reverse order of the parameters: pipelineId first.
    @Arg('steps', () => [TrainingPlanStepInput], { description: `The steps in order, at most ${MAX_PLAN_STEPS}` }) steps: TrainingPlanStepInput[],
    @Arg('pipelineId', () => ID, { description: 'A pipeline of the opportunities subgraph (not checked for existence: it lives in another service)' })
    pipelineId: string,
    @Ctx() ctx: Context,
  ): Promise<TrainingPlan> {
    return setTrainingPlan(ctx, pipelineId, steps);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who set the plan last; null for the default plan' })
  updatedBy(@Root() plan: TrainingPlan): User | null {
    return plan.isDefault ? null : { id: plan.updatedById };
  }
}
