import { BadUserInputError, isUuid, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import { idempotentCall, isUniqueViolation, runIdempotentCreate } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import type { CreateTeamInput } from './create-team.input';
import { Team } from './team.entity';
import type { UpdateTeamInput } from './update-team.input';

function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `a team named "${name}" already exists`);
}

/** `createTeam` (ADMIN only): names are unique; idempotent with `input.idempotencyKey`. */
export async function createTeam(ctx: Context, input: CreateTeamInput): Promise<Team> {
  requireRole(ctx.principal, [UserRole.ADMIN], 'create teams');
  try {
    const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createTeam', input), {
      write: async (manager) => (await manager.insert(Team, { name: input.name })).identifiers[0].id as string,
    });
    return await ctx.db.getRepository(Team).findOneByOrFail({ id });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** `updateTeam` (ADMIN only): a rename; a malformed id is NOT_FOUND before it reaches PostgreSQL. */
export async function updateTeam(ctx: Context, id: string, input: UpdateTeamInput): Promise<Team> {
  requireRole(ctx.principal, [UserRole.ADMIN], 'change teams');
  if (!isUuid(id)) throw new NotFoundError('Team', id);
  const repository = ctx.db.getRepository(Team);
  try {
    const { affected } = await repository.update({ id }, { name: input.name });
    if (!affected) throw new NotFoundError('Team', id);
    return await repository.findOneByOrFail({ id });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
