import { UserRole } from '@crm/kernel';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'users' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'One of our own people who uses the CRM: a sales rep, manager, analyst or admin' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable identifier of the user' })
  id!: string;

  @Column({ type: 'text', unique: true })
  @Field({ description: 'Work e-mail address; also the login name' })
  email!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Given name' })
  firstName!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Family name' })
  lastName!: string;

  @Field({ description: 'Full name as shown in lists, "First Last"' })
  get name(): string {
    return `${this.firstName} ${this.lastName}`;
  }

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  @Field(() => UserRole, { description: 'What this person may do in the CRM' })
  role!: UserRole;

  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'boolean', default: true })
  @Field({ description: 'False once the person has left; kept so history still names them' })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  @Field({ description: 'When the user was created' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  @Field({ description: 'When the user was last changed' })
  updatedAt!: Date;

  @VersionColumn()
  @Field(() => Int, { description: 'Increases with every change; send it back as `expectedVersion` to avoid overwriting others' })
  version!: number;
}
