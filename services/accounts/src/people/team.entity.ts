import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'teams' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A group of our own people, e.g. a regional sales team, led by a manager' })
export class Team {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable identifier of the team' })
  id!: string;

  @Column({ type: 'text', unique: true })
  @Field({ description: 'Team name, unique, e.g. "Enterprise EMEA"' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  @Field({ description: 'When the team was created' })
  createdAt!: Date;
}
