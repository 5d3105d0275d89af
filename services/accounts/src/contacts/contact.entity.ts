import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'contacts' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person at an account, e.g. a member of a buying committee' })
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable identifier of the contact' })
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

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  @Field({ description: 'When the contact was created' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  @Field({ description: 'When the contact was last changed' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the contact was deleted; null while it is live. Deleted contacts appear only in `filter: { deleted: true }` lists' })
  deletedAt!: Date | null;

  @VersionColumn()
  @Field(() => Int, { description: 'Increases with every change; send it back as `expectedVersion` to avoid overwriting others' })
  version!: number;
}
