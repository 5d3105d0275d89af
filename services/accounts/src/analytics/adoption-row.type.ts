import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * One sales person's use of the CRM in a window: an entity (`@key(fields: "userId from to")`) that
 * every subgraph fills with its own counts from its audit log — accounts, contacts (here), deals
 * (opportunities), activities and the training signal (activities). See the README, "CRM adoption".
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

  /** The person's team; null without one. */
  teamId!: string | null;

  /**
   * Whom the person is compared with for `needsTraining`, themselves included: the active sales people
   * of their team, or all of them when the person has no team; by id. Inaccessible: only the other
   * subgraphs see it (through `@requires`), to count their part of each peer's usage.
   */
  @Directive('@inaccessible')
  @Field(() => [ID], { description: 'The people this person is compared with (their team, or everyone without one), themselves included, by id' })
  peerIds!: string[];
}
