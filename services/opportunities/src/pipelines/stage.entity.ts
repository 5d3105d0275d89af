import { IdColumn } from '@crm/kernel/subgraph';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { StageKind } from './stage-kind.enum';

@Entity({ name: 'stages' })
@ObjectType({ description: 'One step of a pipeline, e.g. "Proposal", with the chance that a deal in it closes as won' })
export class Stage {
  @IdColumn('Stable identifier of the stage')
  id!: string;

  @Column({ type: 'uuid' })
  pipelineId!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Stage name, unique within its pipeline, e.g. "Negotiation"' })
  name!: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Place in the pipeline, 0 for the first stage; stages are listed in this order' })
  position!: number;

  @Column({ type: 'enum', enum: StageKind, enumName: 'stage_kind' })
  @Field(() => StageKind, { description: 'Whether deals in this stage are open, won or lost' })
  kind!: StageKind;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Chance in percent (0–100) that a deal in this stage is won; weights the pipeline' })
  probability!: number;
}
