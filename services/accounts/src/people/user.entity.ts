import { UserRole } from '@crm/kernel';
import { CreatedAtColumn, IdColumn, RecordVersionColumn, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@Entity({ name: 'users' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'One of our own people who uses the CRM: a sales rep, manager, analyst or admin' })
export class User {
  @IdColumn('Stable identifier of the user')
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

  @CreatedAtColumn('When the user was created')
  createdAt!: Date;

  @UpdatedAtColumn('When the user was last changed')
  updatedAt!: Date;

  @RecordVersionColumn()
  version!: number;
}
