import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { CreateLostReasonInput } from './create-lost-reason.input';
import { createLostReason, updateLostReason } from './lost-reason.commands';
import { LostReason } from './lost-reason.entity';
import { listLostReasons } from './lost-reason.queries';
import { UpdateLostReasonInput } from './update-lost-reason.input';

@Resolver(() => LostReason)
export class LostReasonResolver {
  @Query(() => [LostReason], { description: 'The lost reasons to pick from when a deal is lost, active ones first, each group by name' })
  lostReasons(
    @Arg('includeInactive', { defaultValue: false, description: 'Also list deactivated reasons (after the active ones)' }) includeInactive: boolean,
    @Ctx() ctx: Context,
  ): Promise<LostReason[]> {
    return listLostReasons(ctx, includeInactive);
  }

  @Mutation(() => LostReason, {
    description: 'Adds a reason to the lost-reason list (ADMIN or MANAGER); a retry with the same `idempotencyKey` and input returns the first result',
  })
  createLostReason(
    @Arg('input', () => CreateLostReasonInput, { description: 'The new reason' }) input: CreateLostReasonInput,
    @Ctx() ctx: Context,
  ): Promise<LostReason> {
    return createLostReason(ctx, input);
  }

  @Mutation(() => LostReason, {
    description: 'Renames, describes, deactivates or reactivates a lost reason (ADMIN or MANAGER). Reasons are never deleted: deals and their stage history keep theirs',
  })
  updateLostReason(
    @Arg('id', () => ID, { description: 'Id of the lost reason to change' }) id: string,
    @Arg('input', () => UpdateLostReasonInput, { description: 'The changes' }) input: UpdateLostReasonInput,
    @Ctx() ctx: Context,
  ): Promise<LostReason> {
    return updateLostReason(ctx, id, input);
  }
}
