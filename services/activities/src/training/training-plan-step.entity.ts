import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'training_plan_steps' })
@ObjectType({ description: "One step of an onboarding plan: a TRAINING task due a number of days after the deal is won" })
export class TrainingPlanStep {
  /** The pipeline (opportunities subgraph) whose plan this step belongs to. */
  @PrimaryColumn({ type: 'uuid' })
  pipelineId!: string;

  @PrimaryColumn({ type: 'int' })
  @Field(() => Int, { description: 'Place in the plan, 0 for the first step' })
  position!: number;

  @Column({ type: 'text' })
  @Field({ description: 'What the training is, e.g. "Admin training"; becomes the subject of the TRAINING task' })
  title!: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Days after the win the training is due, e.g. 14' })
  offsetDays!: number;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What to cover; becomes the body of the TRAINING task' })
  description!: string | null;
}
