import { GraphQLLocalDate } from '@crm/kernel';
import { CreatedAtColumn, DeletedAtColumn, IdColumn, Money, RecordVersionColumn, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@Entity({ name: 'opportunities' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A deal: a potential sale to an account, with an amount, an expected close date, an owner and a stage' })
export class Opportunity {
  @IdColumn('Stable identifier of the opportunity')
  id!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Name of the deal, e.g. "Globex - CRM Enterprise"' })
  name!: string;

  /** Owned by the accounts service; no foreign key crosses services. */
  @Column({ type: 'uuid' })
  accountId!: string;

  /** A user of the accounts service; no foreign key crosses services. */
  @Column({ type: 'uuid' })
  ownerId!: string;

  /** A team of the accounts service; no foreign key crosses services. Null for deals of no team. */
  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'uuid' })
  pipelineId!: string;

  @Column({ type: 'uuid' })
  stageId!: string;

  /** Decimal string as PostgreSQL returns numeric(18,2), e.g. "125000.00"; exposed as `amount: Money`. */
  @Column({ name: 'amount', type: 'numeric', precision: 18, scale: 2 })
  amountValue!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Field(() => Money, { description: 'Total value of the deal if won, in the deal currency' })
  get amount(): Money {
    return { amount: this.amountValue, currency: this.currency };
  }

  @Column({ type: 'date' })
  @Field(() => GraphQLLocalDate, { description: 'The day the owner expects the deal to close (YYYY-MM-DD); the forecast uses it' })
  expectedCloseDate!: string;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the deal moved into a won or lost stage; null while it is open' })
  closedAt!: Date | null;

  /** Set exactly while the deal is in a LOST stage (exposed as `lostReason`); cleared when it is reopened or won. */
  @Column({ type: 'uuid', nullable: true })
  lostReasonId!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Free text on why the deal was lost, given with its lost reason; null unless the deal is lost' })
  lostReasonNote!: string | null;

  /** Milliseconds, like the list cursors (see the migration). */
  @CreatedAtColumn('When the deal was created in the CRM')
  createdAt!: Date;

  @UpdatedAtColumn('When the deal was last changed')
  updatedAt!: Date;

  @DeletedAtColumn('When the deal was deleted; null while it is live. Deleted deals appear only in `filter: { deleted: true }` lists')
  deletedAt!: Date | null;

  @RecordVersionColumn()
  version!: number;
}
