import { CreatedAtColumn, IdColumn } from '@crm/kernel/subgraph';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@Entity({ name: 'teams' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A group of our own people, e.g. a regional sales team, led by a manager' })
export class Team {
  @IdColumn('Stable identifier of the team')
  id!: string;

  @Column({ type: 'text', unique: true })
  @Field({ description: 'Team name, unique, e.g. "Enterprise EMEA"' })
  name!: string;

  @CreatedAtColumn('When the team was created')
  createdAt!: Date;
}
