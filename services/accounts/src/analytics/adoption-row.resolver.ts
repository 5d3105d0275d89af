import { ADOPTION_ROW_FIELDS } from '@crm/domain';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Team } from '../people/team.entity';
import { User } from '../people/user.entity';
import { accountsUsage, type AccountsUsage } from './adoption-usage.loader';
import { AdoptionRow } from './adoption-row.type';

/** The fields this subgraph gives each `AdoptionRow`: the person, their team and the accounts and contacts they created and changed. */
@Resolver(() => AdoptionRow)
export class AdoptionRowResolver {
  private usage(row: AdoptionRow, ctx: Context): Promise<AccountsUsage> {
    return ctx.loaders.lists.get('AdoptionRow.accountsUsage', null, (rows: readonly AdoptionRow[]) => accountsUsage(ctx.db, ctx.principal, rows)).load(row);
  }

  @FieldResolver(() => User, { description: 'The sales person' })
  async user(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.userById.load(row.userId))!;
  }

  @FieldResolver(() => Team, { nullable: true, description: 'Their team, whose median they are compared with; null for people without a team (compared with everyone)' })
  team(@Root() row: AdoptionRow, @Ctx() ctx: Context) {
    return row.teamId ? ctx.loaders.teamById.load(row.teamId) : null;
  }

  @FieldResolver(() => Int, { description: ADOPTION_ROW_FIELDS.accountsCreated })
  async accountsCreated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).accountsCreated;
  }

  @FieldResolver(() => Int, { description: ADOPTION_ROW_FIELDS.accountsUpdated })
  async accountsUpdated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).accountsUpdated;
  }

  @FieldResolver(() => Int, { description: ADOPTION_ROW_FIELDS.contactsCreated })
  async contactsCreated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).contactsCreated;
  }

  @FieldResolver(() => Int, { description: ADOPTION_ROW_FIELDS.contactsUpdated })
  async contactsUpdated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).contactsUpdated;
  }

  @FieldResolver(() => [Int], { description: ADOPTION_ROW_FIELDS.peerAccountUsage })
  @Directive('@inaccessible')
  async peerAccountUsage(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number[]> {
    return (await this.usage(row, ctx)).peerAccountUsage;
  }
}
