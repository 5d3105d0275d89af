import { BadUserInputError, isUuid, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import { idempotentCall, isUniqueViolation, PageArgs, paginate, paginateByParent, runIdempotentCreate, SortDirection } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Team } from './team.entity';
import { User } from './user.entity';
import { CreateTeamInput } from './create-team.input';
import { TeamConnection } from './team-connection.type';
import { UpdateTeamInput } from './update-team.input';
import { UserConnection } from './user-connection.type';
import { applyUserFilter } from './user-filter.input';
import { UserListArgs } from './user-list.args';
import { userSortOrder } from './user-order.input';

function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `a team named "${name}" already exists`);
}

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => Team, { nullable: true, description: 'One team by id; null when it does not exist' })
  team(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Team | null> {
    return ctx.loaders.teamById.load(id);
  }

  @Query(() => TeamConnection, { description: 'All teams, by name' })
  teams(@Args() { first, after }: PageArgs, @Ctx() ctx: Context) {
    const qb = ctx.db.getRepository(Team).createQueryBuilder('team');
    return paginate(qb, { property: 'name', direction: SortDirection.ASC }, { first, after });
  }

  @FieldResolver(() => UserConnection, { description: 'The people in this team' })
  members(@Root() team: Team, @Args() args: UserListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Team.members', args, (teamIds: readonly string[]) =>
        paginateByParent(applyUserFilter(ctx.db.getRepository(User).createQueryBuilder('user'), args.filter), 'teamId', teamIds, userSortOrder(args.orderBy), args),
      )
      .load(team.id);
  }

  @Mutation(() => Team, { description: 'Creates a team (ADMIN only); a retry with the same `idempotencyKey` and input returns the first result' })
  async createTeam(@Arg('input', () => CreateTeamInput) input: CreateTeamInput, @Ctx() ctx: Context): Promise<Team> {
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

  @Mutation(() => Team, { description: 'Renames a team (ADMIN only)' })
  async updateTeam(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateTeamInput) input: UpdateTeamInput, @Ctx() ctx: Context): Promise<Team> {
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
}
