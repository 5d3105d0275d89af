import { UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Tier } from '../accounts/tier.enum';

@Entity({ name: 'stale_thresholds' })
@ObjectType({ description: 'After how many days without an interaction a customer of a tier counts as stale' })
export class StaleThreshold {
  @PrimaryColumn({ type: 'enum', enum: Tier, enumName: 'tier' })
  @Field(() => Tier, { description: 'The tier' })
  tier!: Tier;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'A customer of this tier is stale after more than this many whole days without a call, meeting, e-mail or feedback' })
  days!: number;

  /** Who changed it last; null for the migration's default. */
  @Column({ type: 'uuid', nullable: true })
  updatedById!: string | null;

  @UpdatedAtColumn('When it was last set')
  updatedAt!: Date;
}
