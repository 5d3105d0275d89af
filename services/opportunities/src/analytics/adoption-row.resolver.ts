import { ADOPTION_ROW_FIELDS } from '@crm/domain';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { opportunitiesUsage, type OpportunitiesUsage } from './adoption-usage.loader';
import { AdoptionRow } from '../stubs/adoption-row.stub';

/** The deals part of `crmAdoption`'s rows: every row of a request in one SQL query. */
@Resolver(() => AdoptionRow)
export class AdoptionRowResolver {
  private usage(row: AdoptionRow, ctx: Context): Promise<OpportunitiesUsage> {
    return ctx.loaders.lists.get('AdoptionRow.opportunitiesUsage', null, (rows: readonly AdoptionRow[]) => opportunitiesUsage(ctx.db, ctx.principal, rows)).load(row);
  }

  @FieldResolver(() => Int, { description: ADOPTION_ROW_FIELDS.opportunitiesCreated })
  async opportunitiesCreated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).opportunitiesCreated;
  }

  @FieldResolver(() => Int, { description: ADOPTION_ROW_FIELDS.opportunitiesUpdated })
  async opportunitiesUpdated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).opportunitiesUpdated;
  }

  @FieldResolver(() => Int, { description: 'Stage moves they made in the window on live deals (each move counts; the first stage of a new deal does not)' })
  async stageMoves(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await this.usage(row, ctx)).stageMoves;
  }

  @FieldResolver(() => [Int], { description: ADOPTION_ROW_FIELDS.peerOpportunityUsage })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "peerIds")')
  async peerOpportunityUsage(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number[]> {
    return (await this.usage(row, ctx)).peerOpportunityUsage;
  }
}
