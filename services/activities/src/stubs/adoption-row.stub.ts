import { ADOPTION_ROW_FIELDS, AdoptionRowKey, SharedEntity } from '@crm/domain';
import { Directive, Field, ID, Int } from 'type-graphql';

/**
 * `AdoptionRow` belongs to the accounts subgraph (it knows the sales people). This service adds the
 * activities each person logged and changed, and — because the activities part is the last one to
 * arrive — the usage score and the training signal: the other subgraphs' counts come in the
 * representation (`@external`, fetched by the gateway for `@requires`), for the person and for each
 * of their peers, so every row carries all it needs, whatever batch or page it arrives in.
 */
@SharedEntity('AdoptionRow')
export class AdoptionRow extends AdoptionRowKey {
  @Directive('@external')
  @Field(() => [ID], { description: ADOPTION_ROW_FIELDS.peerIds })
  peerIds?: string[];

  @Directive('@external')
  @Field(() => Int, { description: ADOPTION_ROW_FIELDS.accountsCreated })
  accountsCreated?: number;

  @Directive('@external')
  @Field(() => Int, { description: ADOPTION_ROW_FIELDS.accountsUpdated })
  accountsUpdated?: number;

  @Directive('@external')
  @Field(() => Int, { description: ADOPTION_ROW_FIELDS.contactsCreated })
  contactsCreated?: number;

  @Directive('@external')
  @Field(() => Int, { description: ADOPTION_ROW_FIELDS.contactsUpdated })
  contactsUpdated?: number;

  @Directive('@external')
  @Field(() => Int, { description: ADOPTION_ROW_FIELDS.opportunitiesCreated })
  opportunitiesCreated?: number;

  @Directive('@external')
  @Field(() => Int, { description: ADOPTION_ROW_FIELDS.opportunitiesUpdated })
  opportunitiesUpdated?: number;

  @Directive('@external')
  @Field(() => [Int], { description: ADOPTION_ROW_FIELDS.peerAccountUsage })
  peerAccountUsage?: number[];

  @Directive('@external')
  @Field(() => [Int], { description: ADOPTION_ROW_FIELDS.peerOpportunityUsage })
  peerOpportunityUsage?: number[];
}
