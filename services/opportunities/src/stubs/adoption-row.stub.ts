import { ADOPTION_ROW_FIELDS, AdoptionRowKey, SharedEntity } from '@crm/domain';
import { Directive, Field, ID } from 'type-graphql';

/**
 * `AdoptionRow` belongs to the accounts subgraph (it knows the sales people). This service adds the
 * deals each person created, changed and moved; `peerIds` comes from accounts (`@external`) in the
 * representation when `peerOpportunityUsage` needs it (`@requires`).
 */
@SharedEntity('AdoptionRow')
export class AdoptionRow extends AdoptionRowKey {
  @Directive('@external')
  @Field(() => [ID], { description: ADOPTION_ROW_FIELDS.peerIds })
  peerIds?: string[];
}
