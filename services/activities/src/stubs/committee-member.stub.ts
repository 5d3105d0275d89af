import { CommitteeRole } from '@crm/domain';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Contact } from './contact.stub';

/**
 * A buying-committee member as the opportunities subgraph owns it; this service only declares the two
 * fields `Opportunity.committeeCoverage` requires (`@external`: the gateway fetches them from
 * opportunities and hands them over in the deal's representation).
 */
@ObjectType({ description: 'A person at the customer who takes part in the buying decision of a deal, with their role and stance towards us' })
export class CommitteeMember {
  @Directive('@external')
  @Field(() => Contact, {
    nullable: true,
    description: 'The person: a contact at the deal\'s account or another account of its group; null when that contact was deleted',
  })
  contact!: Contact | null;

  @Directive('@external')
  @Field(() => CommitteeRole, { description: 'The part the person plays in the decision' })
  role!: CommitteeRole;
}
