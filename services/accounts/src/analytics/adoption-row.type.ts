import { ADOPTION_ROW_FIELDS, AdoptionRowKey, SharedEntity } from '@crm/domain';
import { Directive, Field, ID } from 'type-graphql';

/**
 * One sales person's use of the CRM in a window: an entity (`@key(fields: "userId from to")`) that
 * every subgraph fills with its own counts from its audit log — accounts, contacts (here), deals
 * (opportunities), activities and the training signal (activities). See the README, "CRM adoption".
 */
@SharedEntity('AdoptionRow')
export class AdoptionRow extends AdoptionRowKey {
  /** The person's team; null without one. */
  teamId!: string | null;

  /**
   * Whom the person is compared with for `needsTraining`, themselves included: the active sales people
   * of their team, or all of them when the person has no team; by id. Inaccessible: only the other
   * subgraphs see it (through `@requires`), to count their part of each peer's usage.
   */
  @Directive('@inaccessible')
  @Field(() => [ID], { description: ADOPTION_ROW_FIELDS.peerIds })
  peerIds!: string[];
}
