import { IdKey, SharedEntity } from '@crm/domain';
import { Directive, Field } from 'type-graphql';
import { CommitteeMember } from './committee-member.stub';

/**
 * `Opportunity` belongs to the opportunities subgraph. This service adds the deal's activities, when
 * it was last worked on and how well its buying committee is covered, so the stub is resolvable here.
 */
@SharedEntity('Opportunity')
export class Opportunity extends IdKey('Opportunity') {
  /** Owned by opportunities; the gateway passes it in for `committeeCoverage` (`@requires`). */
  @Directive('@external')
  @Field(() => [CommitteeMember], {
    description: 'The people who decide this deal on the customer\'s side, each with a role and stance; the primary member first, then in the order they were added',
  })
  buyingCommittee?: CommitteeMember[];
}
