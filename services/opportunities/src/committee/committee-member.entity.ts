import { CommitteeRole, CommitteeStance } from '@crm/domain';
import { CreatedAtColumn, IdColumn, RecordVersionColumn, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

/**
 * One person of a deal's buying committee. The person is a contact of the accounts service (no
 * foreign key crosses services); `addCommitteeMember` checks with accounts that they work for the
 * deal's account or its group. Members belong to their deal: they are written under the deal's write
 * rules and audited on the deal's trail, and a deleted deal keeps them for its restore.
 */
@Entity({ name: 'committee_members' })
@ObjectType({ description: 'A person at the customer who takes part in the buying decision of a deal, with their role and stance towards us' })
export class CommitteeMember {
  @IdColumn('Stable identifier of the committee membership')
  id!: string;

  @Column({ type: 'uuid' })
  opportunityId!: string;

  /** A contact of the accounts service; exposed as `contact`. */
  @Column({ type: 'uuid' })
  contactId!: string;

  @Column({ type: 'enum', enum: CommitteeRole, enumName: 'committee_role' })
  @Field(() => CommitteeRole, { description: 'The part the person plays in the decision' })
  role!: CommitteeRole;

  @Column({ type: 'enum', enum: CommitteeStance, enumName: 'committee_stance', default: CommitteeStance.UNKNOWN })
  @Field(() => CommitteeStance, { description: 'Where the person stands towards us' })
  stance!: CommitteeStance;

  @Column({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'How much weight the person\'s opinion carries, 1 (little) to 5 (decisive); null when not assessed' })
  influence!: number | null;

  @Column({ type: 'boolean', default: false })
  @Field({ description: 'True for the deal\'s main contact; at most one member of a deal is primary' })
  isPrimary!: boolean;

  @CreatedAtColumn('When the person was added to the committee')
  createdAt!: Date;

  @UpdatedAtColumn('When the membership was last changed')
  updatedAt!: Date;

  @RecordVersionColumn()
  version!: number;
}
