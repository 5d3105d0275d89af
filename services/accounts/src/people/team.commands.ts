import { BadUserInputError, isUuid, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import { idempotentCall, onUniqueViolation, runIdempotentCreate } from '@crm/kernel/subgraph';
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
  const { id } = await onUniqueViolation(
    () =>
      runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createTeam', input), {
        write: async (manager) => (await manager.insert(Team, { name: input.name })).identifiers[0].id as string,
      }),
    () => nameTaken(input.name),
  );
  return ctx.db.getRepository(Team).findOneByOrFail({ id });
}

/** `updateTeam` (ADMIN only): a rename; a malformed id is NOT_FOUND before it reaches PostgreSQL. */
export async function updateTeam(ctx: Context, id: string, input: UpdateTeamInput): Promise<Team> {
  requireRole(ctx.principal, [UserRole.ADMIN], 'change teams');
  if (!isUuid(id)) throw new NotFoundError('Team', id);
  const repository = ctx.db.getRepository(Team);
  const { affected } = await onUniqueViolation(() => repository.update({ id }, { name: input.name }), () => nameTaken(input.name));
  if (!affected) throw new NotFoundError('Team', id);
  return repository.findOneByOrFail({ id });
}
