import { CreatedAtColumn, DeletedAtColumn, IdColumn, RecordVersionColumn, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { SegmentRules } from './segment-rules.type';

/**
 * A saved rule set that selects accounts for a campaign (B2C: consumer households). Members are
 * computed in SQL whenever they are asked for, never stored: a segment always reflects the accounts as
 * they are now. Everyone reads segments; see SEGMENT_RECORD for who writes them.
 */
@Entity({ name: 'segments' })
@ObjectType({ description: 'A named, saved rule set over accounts (e.g. consumer households to target in a campaign); its members are computed live' })
export class Segment {
  @IdColumn('Stable identifier of the segment')
  id!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Name, unique among live segments (case-insensitively)' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the segment is for, e.g. the campaign' })
  description!: string | null;

  /** The rules as validated when last saved; validated again before every evaluation. */
  @Column({ type: 'jsonb' })
  @Field(() => SegmentRules, { description: 'The rules as saved (shown even if they no longer validate, so they can be fixed)' })
  rules!: SegmentRules;

  /** The user who created the segment (exposed as `createdBy`); they may change and delete it. */
  @Column({ type: 'uuid' })
  createdById!: string;

  @CreatedAtColumn('When the segment was created')
  createdAt!: Date;

  @UpdatedAtColumn('When the segment was last changed')
  updatedAt!: Date;

  @DeletedAtColumn('When the segment was deleted; null while it is live')
  deletedAt!: Date | null;

  @RecordVersionColumn()
  version!: number;
}
