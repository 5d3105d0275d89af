import { BadUserInputError, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import { definedOnly, idempotentCall, onUniqueViolation, rejectNulls, runIdempotentCreate, updateVersioned } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import type { CreateUserInput } from './create-user.input';
import type { UpdateUserInput } from './update-user.input';
import { User } from './user.entity';

function emailTaken(email: string): BadUserInputError {
  return BadUserInputError.field('input.email', `${email} is already used by another user`);
}

/** `createUser` (ADMIN only): e-mail addresses are stored lower-case and unique; idempotent with `input.idempotencyKey`. */
export async function createUser(ctx: Context, input: CreateUserInput): Promise<User> {
  requireRole(ctx.principal, [UserRole.ADMIN], 'create users');
  const { idempotencyKey: _key, ...fields } = input;
  const { id } = await onUniqueViolation(
    () =>
      runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createUser', input), {
        prepare: async () => {
          if (input.teamId && !(await ctx.loaders.teamById.load(input.teamId))) {
            throw BadUserInputError.field('input.teamId', `no team with id ${input.teamId}`);
          }
        },
        write: async (manager) => {
          const repository = manager.getRepository(User);
          return (await repository.save(repository.create({ ...fields, email: input.email.toLowerCase() }))).id;
        },
      }),
    () => emailTaken(input.email),
  );
  return ctx.db.getRepository(User).findOneByOrFail({ id });
}

/** `updateUser` (ADMIN only): users are versioned but not audited, and never deleted. */
export async function updateUser(ctx: Context, id: string, input: UpdateUserInput): Promise<User> {
  requireRole(ctx.principal, [UserRole.ADMIN], 'change users');
  rejectNulls(input, ['email', 'firstName', 'lastName', 'role', 'active']);
  const { expectedVersion, ...fields } = input;
  if (!(await ctx.loaders.userById.load(id))) throw new NotFoundError('User', id);
  if (fields.teamId && !(await ctx.loaders.teamById.load(fields.teamId))) {
    throw BadUserInputError.field('input.teamId', `no team with id ${fields.teamId}`);
  }
  const patch = { ...definedOnly(fields), ...(fields.email ? { email: fields.email.toLowerCase() } : {}) };
  return onUniqueViolation(() => updateVersioned(ctx.db.getRepository(User), 'User', id, patch, expectedVersion), () => emailTaken(fields.email ?? ''));
}
