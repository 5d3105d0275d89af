import { BadUserInputError, ForbiddenError, UserRole } from '@crm/kernel';
import { CRM_ADOPTION_THRESHOLD } from '@crm/kernel/subgraph';
import { Args, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Team } from '../people/team.entity';
import { User } from '../people/user.entity';
import { accountsUsage, type AccountsUsage } from './adoption-usage.loader';
import { AdoptionRow } from './adoption-row.type';
import { CrmAdoptionArgs, MAX_ADOPTION_WINDOW_YEARS } from './crm-adoption.args';
import { CrmAdoption } from './crm-adoption.type';
import { salesPeople } from './sales-people';

/** `from` plus whole years (February 29 plus a year is March 1). */
function addYears(instant: Date, years: number): Date {
  const later = new Date(instant);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

/** The sales people the caller sees: everyone for ADMIN, MANAGER and ANALYST; a REP only themselves. */
function visibleTo(ctx: Context, teamId: string | null | undefined): string[] | null {
  const { principal } = ctx;
  if (principal.role !== UserRole.REP) return null;
  if (teamId && teamId !== principal.teamId) {
    throw new ForbiddenError(`As REP you see only your own adoption row: teamId must be your own team (${principal.teamId ?? 'none'}) or absent, got ${teamId}`);
  }
  return [principal.userId];
}

@Resolver(() => CrmAdoption)
export class CrmAdoptionResolver {
  @Query(() => CrmAdoption, {
    description:
      'Who uses the CRM: per sales person (active REP or MANAGER, optionally of one team) the activities logged, records created and updated and the last activity ' +
      'in [from, to), and `needsTraining` when their usage is below `threshold` × their team\'s median — the signal that a retraining on the CRM is due. ' +
      `\`from\` < \`to\`, at most ${MAX_ADOPTION_WINDOW_YEARS} years apart. ADMIN, MANAGER and ANALYST see everyone; a REP only their own row. ` +
      'Each subgraph counts its part in one SQL query for all rows',
  })
  async crmAdoption(@Args() { from, to, teamId }: CrmAdoptionArgs, @Ctx() ctx: Context): Promise<CrmAdoption> {
    if (!(to > from)) throw BadUserInputError.field('to', `must be after from (${from.toISOString()}), got ${to.toISOString()}`);
    const latest = addYears(from, MAX_ADOPTION_WINDOW_YEARS);
    if (to > latest) {
      throw BadUserInputError.field('to', `must be at most ${MAX_ADOPTION_WINDOW_YEARS} years after from, i.e. at or before ${latest.toISOString()}, got ${to.toISOString()}`);
    }
    const userIds = visibleTo(ctx, teamId);
    if (teamId && !(await ctx.loaders.teamById.load(teamId))) {
      throw BadUserInputError.field('teamId', `expected the id of a team, got ${teamId}, which does not exist`);
    }
    const people = await salesPeople(ctx.db, { teamId, userIds });
    return {
      from,
      to,
      teamId: teamId ?? null,
      threshold: CRM_ADOPTION_THRESHOLD,
      rows: people.map((person) => Object.assign(new AdoptionRow(), { ...person, from, to })),
    };
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the rows were narrowed to (`teamId`); null for every team' })
  team(@Root() adoption: CrmAdoption, @Ctx() ctx: Context) {
    return adoption.teamId ? ctx.loaders.teamById.load(adoption.teamId) : null;
  }
}

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

  @FieldResolver(() => Int, { description: 'Accounts they created in the window that still exist' })
  async accountsCreated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).accountsCreated;
  }

  @FieldResolver(() => Int, { description: 'Distinct live accounts they changed in the window (one count per account, however many changes)' })
  async accountsUpdated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).accountsUpdated;
  }

  @FieldResolver(() => Int, { description: 'Contacts they created in the window that still exist' })
  async contactsCreated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).contactsCreated;
  }

  @FieldResolver(() => Int, { description: 'Distinct live contacts they changed in the window' })
  async contactsUpdated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).contactsUpdated;
  }

  @FieldResolver(() => [Int], {
    description: 'For each of `peerIds`, in order: the accounts and contacts they created plus those they changed in the window (the accounts part of their usage score)',
  })
  @Directive('@inaccessible')
  async peerAccountUsage(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number[]> {
    return (await this.usage(row, ctx)).peerAccountUsage;
  }
}
