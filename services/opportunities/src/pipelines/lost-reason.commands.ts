import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import { definedOnly, idempotentCall, onUniqueViolation, rejectNulls, runIdempotentCreate } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import type { CreateLostReasonInput } from './create-lost-reason.input';
import { LostReason } from './lost-reason.entity';
import { currentLostReason } from './lost-reason.queries';
import { PIPELINE_ADMINS } from './pipeline.commands';
import type { UpdateLostReasonInput } from './update-lost-reason.input';

function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `must be unique among the active lost reasons; "${name}" is already one (ignoring case)`);
}

/** The trimmed name, refused when nothing is left of it. */
function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw BadUserInputError.field('input.name', 'must not be blank');
  return trimmed;
}

/** `createLostReason` (ADMIN or MANAGER); a retry with the same key and input returns the first result. */
export async function createLostReason(ctx: Context, input: CreateLostReasonInput): Promise<LostReason> {
  requireRole(ctx.principal, PIPELINE_ADMINS, 'manage lost reasons');
  const name = cleanName(input.name);
  const { id } = await onUniqueViolation(
    () =>
      runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createLostReason', input), {
        write: async (manager) => {
          const { identifiers } = await manager.insert(LostReason, { name, description: input.description?.trim() || null });
          return identifiers[0].id as string;
        },
      }),
    () => nameTaken(name),
  );
  return currentLostReason(ctx.db, id);
}

/** `updateLostReason` (ADMIN or MANAGER): renames, describes, deactivates or reactivates; reasons are never deleted. */
export async function updateLostReason(ctx: Context, id: string, input: UpdateLostReasonInput): Promise<LostReason> {
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
    await onUniqueViolation(
      () => ctx.db.getRepository(LostReason).update({ id }, patch),
      () =>
        patch.name !== undefined
          ? nameTaken(patch.name)
          : BadUserInputError.field('input.active', `cannot reactivate "${existing.name}": an active lost reason has that name; rename one of them first`),
    );
  }
  const updated = await currentLostReason(ctx.db, id);
  ctx.loaders.lostReasonById.clear(id).prime(id, updated);
  return updated;
}
