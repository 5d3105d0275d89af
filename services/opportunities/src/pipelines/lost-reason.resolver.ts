import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import { definedOnly, idempotentCall, isUniqueViolation, rejectNulls, runIdempotentCreate } from '@crm/kernel/subgraph';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { LostReason } from './lost-reason.entity';
import { CreateLostReasonInput } from './create-lost-reason.input';
import { PIPELINE_ADMINS } from './pipeline.resolver';
import { UpdateLostReasonInput } from './update-lost-reason.input';

function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `must be unique among the active lost reasons; "${name}" is already one (ignoring case)`);
}

/** The trimmed name, refused when nothing is left of it. */
function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw BadUserInputError.field('input.name', 'must not be blank');
  return trimmed;
}

@Resolver(() => LostReason)
export class LostReasonResolver {
  @Query(() => [LostReason], { description: 'The lost reasons to pick from when a deal is lost, active ones first, each group by name' })
  lostReasons(
    @Arg('includeInactive', { defaultValue: false, description: 'Also list deactivated reasons (after the active ones)' }) includeInactive: boolean,
    @Ctx() ctx: Context,
  ): Promise<LostReason[]> {
    const query = ctx.db.getRepository(LostReason).createQueryBuilder('reason');
    if (!includeInactive) query.where('reason.active');
    return query.orderBy('reason.active', 'DESC').addOrderBy('lower(reason.name)').addOrderBy('reason.id').getMany();
  }

  @Mutation(() => LostReason, {
    description: 'Adds a reason to the lost-reason list (ADMIN or MANAGER); a retry with the same `idempotencyKey` and input returns the first result',
  })
  async createLostReason(
    @Arg('input', () => CreateLostReasonInput, { description: 'The new reason' }) input: CreateLostReasonInput,
    @Ctx() ctx: Context,
  ): Promise<LostReason> {
    requireRole(ctx.principal, PIPELINE_ADMINS, 'manage lost reasons');
    const name = cleanName(input.name);
    try {
      const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createLostReason', input), {
        write: async (manager) => {
          const { identifiers } = await manager.insert(LostReason, { name, description: input.description?.trim() || null });
          return identifiers[0].id as string;
        },
      });
      return await ctx.db.getRepository(LostReason).findOneByOrFail({ id });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
  }

  @Mutation(() => LostReason, {
    description: 'Renames, describes, deactivates or reactivates a lost reason (ADMIN or MANAGER). Reasons are never deleted: deals and their stage history keep theirs',
  })
  async updateLostReason(
    @Arg('id', () => ID, { description: 'Id of the lost reason to change' }) id: string,
    @Arg('input', () => UpdateLostReasonInput, { description: 'The changes' }) input: UpdateLostReasonInput,
    @Ctx() ctx: Context,
  ): Promise<LostReason> {
    requireRole(ctx.principal, PIPELINE_ADMINS, 'manage lost reasons');
    rejectNulls(input, ['name', 'active']);
    const existing = await ctx.loaders.lostReasonById.load(id);
    if (!existing) throw new NotFoundError('LostReason', id);
    const patch = definedOnly({
      ...input,
      name: input.name === undefined ? undefined : cleanName(input.name),
      description: input.description === undefined ? undefined : input.description?.trim() || null,
    });
    if (Object.keys(patch).length > 0) {
      try {
        await ctx.db.getRepository(LostReason).update({ id }, patch);
      } catch (error) {
        if (isUniqueViolation(error)) {
          if (patch.name !== undefined) throw nameTaken(patch.name);
          throw BadUserInputError.field('input.active', `cannot reactivate "${existing.name}": an active lost reason has that name; rename one of them first`);
        }
        throw error;
      }
    }
    const updated = await ctx.db.getRepository(LostReason).findOneByOrFail({ id });
    ctx.loaders.lostReasonById.clear(id).prime(id, updated);
    return updated;
  }
}
