import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'stage_changes' })
@ObjectType({ description: 'One move of a deal from one stage to another: who moved it, and when' })
export class StageChange {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable identifier of the stage change' })
  id!: string;

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
}
