import { IdColumn } from '@crm/kernel/subgraph';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';

@Entity({ name: 'pipelines' })
@ObjectType({ description: 'A sales process: the ordered stages a deal moves through, e.g. "New Business" or "Renewals"' })
export class Pipeline {
  @IdColumn('Stable identifier of the pipeline')
  id!: string;

  @Column({ type: 'text', unique: true })
  @Field({ description: 'Pipeline name, unique, e.g. "New Business"' })
  name!: string;

  @Column({ type: 'boolean', default: false })
  @Field({ description: 'True for the one pipeline new deals go into when none is named' })
  isDefault!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When the pipeline was set up' })
  createdAt!: Date;
}
