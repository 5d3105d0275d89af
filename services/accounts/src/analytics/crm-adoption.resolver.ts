import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Team } from '../people/team.entity';
import { User } from '../people/user.entity';
import { AdoptionRow } from './adoption-row.type';
import { CrmAdoptionArgs, MAX_ADOPTION_WINDOW_YEARS } from './crm-adoption.args';
import { CrmAdoption } from './crm-adoption.type';
import * as queries from './crm-adoption.queries';

@Resolver(() => CrmAdoption)
export class CrmAdoptionResolver {
  @Query(() => CrmAdoption, {
    description:
      'Who uses the CRM: per sales person (active REP or MANAGER, optionally of one team) the activities logged, records created and updated and the last activity ' +
      'in [from, to), and `needsTraining` when their usage is below `threshold` × their team\'s median — the signal that a retraining on the CRM is due. ' +
      `\`from\` < \`to\`, at most ${MAX_ADOPTION_WINDOW_YEARS} years apart. ADMIN, MANAGER and ANALYST see everyone; a REP only their own row. ` +
      'Each subgraph counts its part in one SQL query for all rows',
  })
  crmAdoption(@Args() { from, to, teamId }: CrmAdoptionArgs, @Ctx() ctx: Context): Promise<CrmAdoption> {
    return queries.crmAdoption(ctx, { from, to, teamId });
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the rows were narrowed to (`teamId`); null for every team' })
  team(@Root() adoption: CrmAdoption, @Ctx() ctx: Context) {
    return adoption.teamId ? ctx.loaders.teamById.load(adoption.teamId) : null;
  }
}
