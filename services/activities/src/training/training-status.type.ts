import { Field, Int, ObjectType } from 'type-graphql';
import { Activity } from '../activities/activity.entity';
import { TRAINING_LIST_LIMIT } from './training-status.loader';

@ObjectType({ description: "Where an account's training stands: which TRAINING activities were done, which are due and which are overdue" })
export class TrainingStatus {
  @Field(() => Int, { description: 'Completed trainings' })
  doneCount!: number;

  @Field(() => Int, { description: 'Open trainings that are not overdue: due later, or without a due date' })
  dueCount!: number;

  @Field(() => Int, { description: 'Open trainings past their due date' })
  overdueCount!: number;

  @Field(() => [Activity], { description: `Completed trainings, latest completion first (the first ${TRAINING_LIST_LIMIT})` })
  done!: Activity[];

  @Field(() => [Activity], { description: `Open trainings not yet overdue, soonest due first, undated ones last (the first ${TRAINING_LIST_LIMIT})` })
  due!: Activity[];

  @Field(() => [Activity], { description: `Open trainings past their due date, longest overdue first (the first ${TRAINING_LIST_LIMIT})` })
  overdue!: Activity[];
}
