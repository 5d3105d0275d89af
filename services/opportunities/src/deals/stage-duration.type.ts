import { Field, Float, ObjectType } from 'type-graphql';

/**
 * One stay of a deal in a stage, computed from its stage history (not a table, so an object type
 * of its own rather than an entity).
 */
@ObjectType({ description: 'One stay of a deal in a stage: when it entered, when it left, and for how long' })
export class StageDuration {
  /** Resolved to `stage` by StageDurationResolver. */
  stageId!: string;

  @Field({ description: 'When the deal entered the stage' })
  enteredAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the deal moved on to its next stage; null while it is still in this one' })
  leftAt!: Date | null;

  @Field(() => Float, { description: 'Days spent in the stage (fractional): enteredAt to leftAt, or to now while the deal is still in it' })
  days!: number;
}
