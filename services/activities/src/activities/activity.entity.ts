import { CreatedAtColumn, DeletedAtColumn, IdColumn, RecordVersionColumn, TIMESTAMP_PRECISION, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { ActivityType, SCHEDULED_TYPES } from './activity-type.enum';

@Entity({ name: 'activities' })
@Directive('@key(fields: "id")')
@ObjectType({ description: "An interaction with a customer or a piece of work: one entry on an account's timeline" })
export class Activity {
  @IdColumn('Stable identifier of the activity')
  id!: string;

  @Column({ type: 'enum', enum: ActivityType, enumName: 'activity_type' })
  @Field(() => ActivityType, { description: 'Call, meeting, e-mail, note, task, training or feedback' })
  type!: ActivityType;

  @Column({ type: 'text' })
  @Field({ description: 'One-line summary, e.g. "Discovery call with the CFO"' })
  subject!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Free-text details: minutes, the e-mail text, what the customer said' })
  body!: string | null;

  @Column({ type: 'timestamptz', precision: TIMESTAMP_PRECISION, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the interaction happened; null for a task or training that has not been done yet' })
  occurredAt!: Date | null;

  @Column({ type: 'timestamptz', precision: TIMESTAMP_PRECISION, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a task or training is due; null for other types and for tasks without a deadline' })
  dueAt!: Date | null;

  @Column({ type: 'timestamptz', precision: TIMESTAMP_PRECISION, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a task or training was marked done; null while it is open and for other types' })
  completedAt!: Date | null;

  /** Belongs to the accounts subgraph; checked to be a UUID only (see README). */
  @Column({ type: 'uuid' })
  ownerId!: string;

  /**
   * A team of the accounts service the activity is shared with (its owner's team by default); REPs of
   * that team read and write it. No foreign key crosses services. Null for activities of no team.
   */
  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  opportunityId!: string | null;

  @Column({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Score 0–10 the customer gave (10 = would recommend us); FEEDBACK only' })
  feedbackScore!: number | null;

  /**
   * coalesce(occurredAt, dueAt, createdAt), computed by PostgreSQL on every write (a STORED generated
   * column), so no writer can forget it; NOT NULL, as keyset pagination needs.
   */
  @Column({
    type: 'timestamptz',
    precision: TIMESTAMP_PRECISION,
    asExpression: 'coalesce(occurred_at, due_at, created_at)',
    generatedType: 'STORED',
    insert: false,
    update: false,
  })
  @Field({ description: 'Where the activity sits on the timeline: when it happened, else when it is due, else when it was logged' })
  timelineAt!: Date;

  @Field({ description: 'True for a task or training whose due date has passed and that is not completed' })
  get isOverdue(): boolean {
    return SCHEDULED_TYPES.includes(this.type) && this.completedAt === null && this.dueAt !== null && this.dueAt.getTime() < Date.now();
  }

  @CreatedAtColumn('When the activity was logged in the CRM')
  createdAt!: Date;

  @UpdatedAtColumn('When the activity was last changed')
  updatedAt!: Date;

  @DeletedAtColumn('When the activity was deleted; null while it is live. Deleted activities appear only in `filter: { deleted: true }` lists')
  deletedAt!: Date | null;

  @RecordVersionColumn()
  version!: number;
}
