import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

const DESCRIPTION = {
  peerIds: 'The people this person is compared with (their team, or everyone without one), themselves included, by id',
  accountsCreated: 'Accounts they created in the window that still exist',
  accountsUpdated: 'Distinct live accounts they changed in the window (one count per account, however many changes)',
  contactsCreated: 'Contacts they created in the window that still exist',
  contactsUpdated: 'Distinct live contacts they changed in the window',
  opportunitiesCreated: 'Deals they created in the window that still exist',
  opportunitiesUpdated: 'Distinct live deals they changed in the window (a stage move is a change; one count per deal, however many changes)',
  peerAccountUsage:
    'For each of `peerIds`, in order: the accounts and contacts they created plus those they changed in the window (the accounts part of their usage score)',
  peerOpportunityUsage: 'For each of `peerIds`, in order: the deals they created plus those they changed in the window (the deals part of their usage score)',
};

/**
 * `AdoptionRow` belongs to the accounts subgraph (it knows the sales people). This service adds the
 * activities each person logged and changed, and — because the activities part is the last one to
 * arrive — the usage score and the training signal: the other subgraphs' counts come in the
 * representation (`@external`, fetched by the gateway for `@requires`), for the person and for each
 * of their peers, so every row carries all it needs, whatever batch or page it arrives in.
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
  @Field(() => [ID], { description: DESCRIPTION.peerIds })
  peerIds?: string[];

  @Directive('@external')
  @Field(() => Int, { description: DESCRIPTION.accountsCreated })
  accountsCreated?: number;

  @Directive('@external')
  @Field(() => Int, { description: DESCRIPTION.accountsUpdated })
  accountsUpdated?: number;

  @Directive('@external')
  @Field(() => Int, { description: DESCRIPTION.contactsCreated })
  contactsCreated?: number;

  @Directive('@external')
  @Field(() => Int, { description: DESCRIPTION.contactsUpdated })
  contactsUpdated?: number;

  @Directive('@external')
  @Field(() => Int, { description: DESCRIPTION.opportunitiesCreated })
  opportunitiesCreated?: number;

  @Directive('@external')
  @Field(() => Int, { description: DESCRIPTION.opportunitiesUpdated })
  opportunitiesUpdated?: number;

  @Directive('@external')
  @Field(() => [Int], { description: DESCRIPTION.peerAccountUsage })
  peerAccountUsage?: number[];

  @Directive('@external')
  @Field(() => [Int], { description: DESCRIPTION.peerOpportunityUsage })
  peerOpportunityUsage?: number[];
}
