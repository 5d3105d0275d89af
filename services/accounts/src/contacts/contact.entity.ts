import { CreatedAtColumn, DeletedAtColumn, IdColumn, RecordVersionColumn, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@Entity({ name: 'contacts' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person at an account, e.g. a member of a buying committee' })
export class Contact {
  @IdColumn('Stable identifier of the contact')
  id!: string;

  @Column({ type: 'uuid' })
  @Field(() => ID, { description: 'Id of the account the person works for' })
  accountId!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Given name' })
  firstName!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Family name' })
  lastName!: string;

  @Field({ description: 'Full name, "First Last"' })
  get name(): string {
    return `${this.firstName} ${this.lastName}`;
  }

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'E-mail address; null for ANALYST, who may not see personal contact details' })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Phone number as entered, preferably E.164; null for ANALYST, who may not see personal contact details' })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Job title, e.g. "Head of Procurement"' })
  jobTitle!: string | null;

  @CreatedAtColumn('When the contact was created')
  createdAt!: Date;

  @UpdatedAtColumn('When the contact was last changed')
  updatedAt!: Date;

  @DeletedAtColumn('When the contact was deleted; null while it is live. Deleted contacts appear only in `filter: { deleted: true }` lists')
  deletedAt!: Date | null;

  @RecordVersionColumn()
  version!: number;
}
