import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from '../stubs/account.stub';
import { TrainingStatus } from './training-status.type';

/** The field this service adds to `Account` for the time after the sale: where its training stands. */
@Resolver(() => Account)
export class TrainingStatusResolver {
  @FieldResolver(() => TrainingStatus, {
    description: "Which of the account's trainings (TRAINING activities, onboarding and refreshers included) were done, which are due and which are overdue",
  })
  trainingStatus(@Root() account: Account, @Ctx() ctx: Context): Promise<TrainingStatus> {
    return ctx.loaders.trainingStatusByAccount.load(account.id);
  }
}
