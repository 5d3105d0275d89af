import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TrainingPlanStep } from './training-plan-step.entity';

/**
 * The onboarding plan of one pipeline: the TRAINING tasks made for the account owner when a deal of
 * that pipeline is won. A pipeline without a row of its own uses the default plan
 * (`DEFAULT_TRAINING_PLAN`); a row without steps means no onboarding for that pipeline.
 */
@Entity({ name: 'training_plans' })
@ObjectType({
  description:
    'The onboarding plan of a pipeline: when one of its deals is won, each step becomes a TRAINING task for the account owner, ' +
    'due that many days after the win. Pipelines without a plan of their own use the default plan',
})
export class TrainingPlan {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID, { description: 'The pipeline (of the opportunities subgraph) this plan is for' })
  pipelineId!: string;

  @Field({ description: 'True when the pipeline has no plan of its own and the default plan applies (kickoff after 3 days, admin training after 14, user training after 30)' })
  isDefault!: boolean;

  @Field(() => [TrainingPlanStep], { description: 'The steps in order; empty when an admin turned onboarding off for the pipeline' })
  steps!: TrainingPlanStep[];

  /** Who set the plan last (a user of the accounts subgraph). */
  @Column({ type: 'uuid' })
  updatedById!: string;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  @Field(() => Date, { nullable: true, description: 'When an admin last set the plan; null for the default plan' })
  updatedAt!: Date | null;
}
