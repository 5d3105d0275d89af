import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * `AdoptionRow` belongs to the accounts subgraph (it knows the sales people). This service adds the
 * deals each person created, changed and moved; `peerIds` comes from accounts (`@external`) in the
 * representation when `peerOpportunityUsage` needs it (`@requires`).
 */
@Directive('@key(fields: "userId from to")')
@ObjectType({
  description:
    "One sales person's use of the CRM in a window: what they logged, created and changed, and whether they need a retraining. " +
    'Counts come from each subgraph\'s audit log (who made each write), cover only live records the caller may read, and each subgraph adds its own',
})
export class AdoptionRow {
  @Field(() => ID, { description: 'Id of the sales person' })
  userId!: string;

  @Field({ description: 'Start of the window (inclusive), as in `crmAdoption`' })
  from!: Date;

  @Field({ description: 'End of the window (exclusive), as in `crmAdoption`' })
  to!: Date;

  @Directive('@external')
  @Field(() => [ID], { description: 'The people this person is compared with (their team, or everyone without one), themselves included, by id' })
  peerIds?: string[];
}
