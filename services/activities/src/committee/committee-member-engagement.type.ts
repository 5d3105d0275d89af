import { CommitteeRole } from '@crm/domain';
import { Field, ObjectType } from 'type-graphql';
import { Contact } from '../stubs/contact.stub';

@ObjectType({ description: 'A buying-committee member and when we last engaged them' })
export class CommitteeMemberEngagement {
  @Field(() => Contact, { nullable: true, description: 'The person; null when that contact was deleted' })
  contact!: Contact | null;

  @Field(() => CommitteeRole, { description: 'Their part in the decision' })
  role!: CommitteeRole;

  @Field(() => Date, {
    nullable: true,
    description: 'When we last engaged them: the latest past occurredAt or completedAt of an activity linked to them that you may read, at any time; null if never',
  })
  lastEngagedAt!: Date | null;
}
