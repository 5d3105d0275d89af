import { Field, Float, ObjectType } from 'type-graphql';
import { Team } from '../people/team.entity';
import { AdoptionRow } from './adoption-row.type';

@ObjectType({
  description:
    'Who uses the CRM, per sales person (active REPs and MANAGERs) in a time window: activities logged, records created and updated, last activity, ' +
    'and who needs a retraining (`needsTraining`: a usage score below `threshold` × the median score of their team). ' +
    'ADMIN, MANAGER and ANALYST see every sales person; a REP sees only their own row',
})
export class CrmAdoption {
  @Field({ description: 'Start of the window (inclusive)' })
  from!: Date;

  @Field({ description: 'End of the window (exclusive)' })
  to!: Date;

  /** The `teamId` argument; null for every team. */
  teamId!: string | null;

  @Field(() => Float, {
    description:
      'The retraining threshold: a person `needsTraining` when their `usageScore` is below threshold × `teamMedianUsage` ' +
      '(the median score of their team, or of every sales person for people without a team). 0.5: less than half of what is typical',
  })
  threshold!: number;

  @Field(() => [AdoptionRow], {
    description: 'One row per sales person, by team name (people without a team last), then last and first name; not paginated, a row per person',
  })
  rows!: AdoptionRow[];
}
