import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { IdColumn } from '../db/record-columns';
import { AuditAction } from './audit-action.enum';

/** One field of a record before and after a change. */
@Directive('@shareable')
@ObjectType({ description: 'One field of a record before and after a change' })
export class AuditChange {
  @Field({ description: 'The field, as named in the schema (e.g. `stageId`, `amount`); objects such as Money are JSON' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Its value before the change, as text; null when it had none' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'Its value after the change, as text; null when it has none' })
  to!: string | null;
}

/**
 * One row of a service's `audit_log`, written in the same transaction as the change it records, so
 * the trail can neither miss a committed change nor record one that rolled back. Every service has
 * its own table (in its own schema), the data source registers this entity for it.
 */
@Entity({ name: 'audit_log' })
@Directive('@shareable')
@ObjectType({ description: 'Who changed which fields of a record, when, from what to what' })
export class AuditEntry {
  @IdColumn('Stable identifier of the entry')
  id!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'uuid' })
  entityId!: string;

  @Column({ type: 'text' })
  @Field(() => AuditAction, { description: 'What happened' })
  action!: AuditAction;

  @Column({ type: 'uuid' })
  @Field(() => ID, { description: 'Id of the user who made the change' })
  changedById!: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  @Field({ description: 'When the change was committed' })
  changedAt!: Date;

  @Column({ type: 'jsonb' })
  @Field(() => [AuditChange], { description: 'The fields that changed; for CREATE every field set' })
  changes!: AuditChange[];
}
