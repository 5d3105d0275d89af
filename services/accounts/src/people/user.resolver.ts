import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Team } from './team.entity';
import { User } from './user.entity';
import { CreateUserInput } from './create-user.input';
import { UpdateUserInput } from './update-user.input';
import { UserConnection } from './user-connection.type';
import { UserListArgs } from './user-list.args';
import * as commands from './user.commands';
import * as queries from './user.queries';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The user the bearer token belongs to' })
  me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.loaders.userById.load(ctx.principal.userId);
  }

  @Query(() => User, { nullable: true, description: 'One user by id; null when it does not exist' })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User | null> {
    return ctx.loaders.userById.load(id);
  }

  @Query(() => UserConnection, { description: 'Our own people using the CRM, filtered, sorted and paginated' })
  users(@Args() { first, after, filter, orderBy }: UserListArgs, @Ctx() ctx: Context) {
    return queries.listUsers(ctx.db, { first, after, filter, orderBy });
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the person belongs to' })
  team(@Root() user: User, @Ctx() ctx: Context) {
    return user.teamId ? ctx.loaders.teamById.load(user.teamId) : null;
  }

  @Mutation(() => User, { description: 'Creates a CRM user (ADMIN only); a retry with the same `idempotencyKey` and input returns the first result' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<User> {
    return commands.createUser(ctx, input);
  }

  @Mutation(() => User, { description: 'Changes a user (ADMIN only)' })
  updateUser(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: Context): Promise<User> {
    return commands.updateUser(ctx, id, input);
  }
}
