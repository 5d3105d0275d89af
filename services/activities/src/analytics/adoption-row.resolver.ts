import { CRM_ADOPTION_THRESHOLD } from '@crm/kernel/subgraph';
import { Ctx, Directive, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { AdoptionRow } from '../stubs/adoption-row.stub';
import { activitiesUsageOf, trainingSignalOf } from './adoption-row.queries';
import { assertRequired, CREATED_ELSEWHERE, UPDATED_ELSEWHERE } from './adoption-row.rules';

const OTHERS_CREATED = 'accountsCreated contactsCreated opportunitiesCreated';
const OTHERS_UPDATED = 'accountsUpdated contactsUpdated opportunitiesUpdated';
const PEERS = 'peerIds peerAccountUsage peerOpportunityUsage';

/**
 * The activities part of `crmAdoption`'s rows, and the figures that need all three subgraphs' counts:
 * the totals, the usage score and the training signal. Every row of a request costs one SQL query
 * per loader, whatever the number of rows.
 */
@Resolver(() => AdoptionRow)
export class AdoptionRowResolver {
  @FieldResolver(() => Int, {
    description:
      'Activities (calls, meetings, e-mails, notes, tasks, trainings, feedback) they logged — created in the CRM themselves — in the window and that still exist; ' +
      'activities the system made for them (onboarding plans) do not count',
  })
  async activitiesLogged(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await activitiesUsageOf(ctx, row)).activitiesLogged;
  }

  @FieldResolver(() => Int, { description: 'Distinct live activities they changed in the window (e.g. completed a task), one count per activity' })
  async activitiesUpdated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await activitiesUsageOf(ctx, row)).activitiesUpdated;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When they last logged an activity that still exists, before the window\'s end — also before its start, so a long silence shows; null when never',
  })
  async lastActivityAt(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<Date | null> {
    return (await activitiesUsageOf(ctx, row)).lastActivityAt;
  }

  @FieldResolver(() => Int, {
    description: 'Records they created in the window that still exist: accountsCreated + contactsCreated + opportunitiesCreated (new activities are `activitiesLogged`)',
  })
  @Directive(`@requires(fields: "${OTHERS_CREATED}")`)
  recordsCreated(@Root() row: AdoptionRow): number {
    assertRequired(row, CREATED_ELSEWHERE);
    return row.accountsCreated! + row.contactsCreated! + row.opportunitiesCreated!;
  }

  @FieldResolver(() => Int, {
    description: 'Records they changed in the window: accountsUpdated + contactsUpdated + opportunitiesUpdated + activitiesUpdated (each a count of distinct live records)',
  })
  @Directive(`@requires(fields: "${OTHERS_UPDATED}")`)
  async recordsUpdated(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    assertRequired(row, UPDATED_ELSEWHERE);
    return row.accountsUpdated! + row.contactsUpdated! + row.opportunitiesUpdated! + (await activitiesUsageOf(ctx, row)).activitiesUpdated;
  }

  @FieldResolver(() => Int, { description: 'How much they used the CRM in the window: activitiesLogged + recordsCreated + recordsUpdated' })
  @Directive(`@requires(fields: "${OTHERS_CREATED} ${OTHERS_UPDATED}")`)
  async usageScore(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    assertRequired(row, UPDATED_ELSEWHERE);
    const { activitiesLogged, activitiesUpdated } = await activitiesUsageOf(ctx, row);
    return activitiesLogged + this.recordsCreated(row) + row.accountsUpdated! + row.contactsUpdated! + row.opportunitiesUpdated! + activitiesUpdated;
  }

  @FieldResolver(() => Float, {
    description:
      'The median usageScore of the people they are compared with, themselves included: the active sales people of their team, or every sales person ' +
      'when they have no team — whatever `teamId` narrowed the rows to. Scores count only records the caller may read',
  })
  @Directive(`@requires(fields: "${OTHERS_CREATED} ${OTHERS_UPDATED} ${PEERS}")`)
  async teamMedianUsage(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<number> {
    return (await trainingSignalOf(ctx, row)).teamMedianUsage;
  }

  @FieldResolver(() => Boolean, {
    description:
      `True when a retraining on the CRM is due: their usageScore is below ${CRM_ADOPTION_THRESHOLD} × teamMedianUsage (\`CrmAdoption.threshold\`), ` +
      'i.e. less than half of what is typical for their team. Never true when the median is 0: a team that does not use the CRM at all shows in the counts',
  })
  @Directive(`@requires(fields: "${OTHERS_CREATED} ${OTHERS_UPDATED} ${PEERS}")`)
  async needsTraining(@Root() row: AdoptionRow, @Ctx() ctx: Context): Promise<boolean> {
    return (await trainingSignalOf(ctx, row)).needsTraining;
  }
}
