import { BadUserInputError, NotFoundError, requireRole, UserRole } from '@crm/kernel';
import {
  definedOnly,
  idempotentCall,
  isUniqueViolation,
  paginate,
  rejectNulls,
  runIdempotentCreate,
  updateVersioned,
} from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Team } from './team.entity';
import { User } from './user.entity';
import { CreateUserInput } from './create-user.input';
import { UpdateUserInput } from './update-user.input';
import { UserConnection } from './user-connection.type';
import { applyUserFilter } from './user-filter.input';
import { UserListArgs } from './user-list.args';
import { userSortOrder } from './user-order.input';

function emailTaken(email: string): BadUserInputError {
  return BadUserInputError.field('input.email', `${email} is already used by another user`);
}

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
    const qb = applyUserFilter(ctx.db.getRepository(User).createQueryBuilder('user'), filter);
    return paginate(qb, userSortOrder(orderBy), { first, after });
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the person belongs to' })
  team(@Root() user: User, @Ctx() ctx: Context) {
    return user.teamId ? ctx.loaders.teamById.load(user.teamId) : null;
  }

  @Mutation(() => User, { description: 'Creates a CRM user (ADMIN only); a retry with the same `idempotencyKey` and input returns the first result' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<User> {
    requireRole(ctx.principal, [UserRole.ADMIN], 'create users');
    const { idempotencyKey: _key, ...fields } = input;
    try {
      const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createUser', input), {
        prepare: async () => {
          if (input.teamId && !(await ctx.loaders.teamById.load(input.teamId))) {
            throw BadUserInputError.field('input.teamId', `no team with id ${input.teamId}`);
          }
        },
        write: async (manager) => {
          const repository = manager.getRepository(User);
          return (await repository.save(repository.create({ ...fields, email: input.email.toLowerCase() }))).id;
        },
      });
      return await ctx.db.getRepository(User).findOneByOrFail({ id });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken(input.email);
      throw error;
    }
  }

  @Mutation(() => User, { description: 'Changes a user (ADMIN only)' })
  async updateUser(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: Context): Promise<User> {
    requireRole(ctx.principal, [UserRole.ADMIN], 'change users');
    rejectNulls(input, ['email', 'firstName', 'lastName', 'role', 'active']);
    const { expectedVersion, ...fields } = input;
    if (!(await ctx.loaders.userById.load(id))) throw new NotFoundError('User', id);
    if (fields.teamId && !(await ctx.loaders.teamById.load(fields.teamId))) {
      throw BadUserInputError.field('input.teamId', `no team with id ${fields.teamId}`);
    }
    try {
      return await updateVersioned(ctx.db.getRepository(User), 'User', id, { ...definedOnly(fields), ...(fields.email ? { email: fields.email.toLowerCase() } : {}) }, expectedVersion);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken(fields.email ?? '');
      throw error;
    }
  }
}
