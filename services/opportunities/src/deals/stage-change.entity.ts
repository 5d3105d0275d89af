import { IdColumn } from '@crm/kernel/subgraph';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';
import { StageKind } from '../pipelines/stage-kind.enum';

/**
 * One row per stage change, written in the same transaction as the change itself: the deal's stage
 * history, and also the durable log (transactional outbox) that `dealStageChanged` streams from.
 * Write rows only through `recordStageChange` (deal-stage-changed.log.ts), which keeps `seq` in
 * commit order and notifies subscribers.
 */
@Entity({ name: 'stage_changes' })
@ObjectType({ description: 'One move of a deal from one stage to another: who moved it, and when' })
export class StageChange {
  @IdColumn('Stable identifier of the stage change')
  id!: string;

  /** Position in the event log, from a sequence, in commit order; bigint as a decimal string. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'uuid' })
  opportunityId!: string;

  @Column({ type: 'uuid', nullable: true })
  fromStageId!: string | null;

  @Column({ type: 'uuid' })
  toStageId!: string;

  @Column({ type: 'uuid' })
  changedById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When the deal entered the new stage' })
  changedAt!: Date;

  // The deal as it was when it changed stage, so subscriptions can filter and authorize each event
  // in SQL without a join, and by what was true at the time.

  @Column({ type: 'uuid' })
  pipelineId!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'enum', enum: StageKind, enumName: 'stage_kind' })
  toStageKind!: StageKind;

  @Column({ type: 'boolean', default: false })
  @Field({ description: 'True when the move reopened a closed deal: from a WON or LOST stage into an OPEN one' })
  reopened!: boolean;

  /** The deal's lost reason at a move into a LOST stage (exposed as `lostReason`); kept here when the deal is reopened. */
  @Column({ type: 'uuid', nullable: true })
  lostReasonId!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The free-text note given with the lost reason of a move into a LOST stage; null for other moves' })
  lostReasonNote!: string | null;
}
