import { PageArgs } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Team } from './team.entity';
import { CreateTeamInput } from './create-team.input';
import { TeamConnection } from './team-connection.type';
import { UpdateTeamInput } from './update-team.input';
import { UserConnection } from './user-connection.type';
import { UserListArgs } from './user-list.args';
import * as commands from './team.commands';
import * as queries from './team.queries';
import * as userQueries from './user.queries';

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => Team, { nullable: true, description: 'One team by id; null when it does not exist' })
  team(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Team | null> {
    return ctx.loaders.teamById.load(id);
  }

  @Query(() => TeamConnection, { description: 'All teams, by name' })
  teams(@Args() { first, after }: PageArgs, @Ctx() ctx: Context) {
    return queries.listTeams(ctx.db, { first, after });
  }

  @FieldResolver(() => UserConnection, { description: 'The people in this team' })
  members(@Root() team: Team, @Args() args: UserListArgs, @Ctx() ctx: Context) {
    return ctx.loaders.lists
      .get('Team.members', args, (teamIds: readonly string[]) => userQueries.membersOfTeams(ctx.db, args, teamIds))
      .load(team.id);
  }

  @Mutation(() => Team, { description: 'Creates a team (ADMIN only); a retry with the same `idempotencyKey` and input returns the first result' })
  createTeam(@Arg('input', () => CreateTeamInput) input: CreateTeamInput, @Ctx() ctx: Context): Promise<Team> {
    return commands.createTeam(ctx, input);
  }

  @Mutation(() => Team, { description: 'Renames a team (ADMIN only)' })
  updateTeam(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateTeamInput) input: UpdateTeamInput, @Ctx() ctx: Context): Promise<Team> {
    return commands.updateTeam(ctx, id, input);
  }
}
