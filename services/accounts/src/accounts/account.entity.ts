import { CreatedAtColumn, DeletedAtColumn, IdColumn, Money, RecordVersionColumn, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Lifecycle } from './lifecycle.enum';
import { Market } from './market.enum';
import { Tier } from './tier.enum';

@Entity({ name: 'accounts' })
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer or prospect: an organisation (B2B) or a consumer household (B2C)' })
export class Account {
  @IdColumn('Stable identifier of the account')
  id!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Name of the organisation or household' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Main web domain, e.g. "acme.com"' })
  domain!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Industry, e.g. "Manufacturing"' })
  industry!: string | null;

  @Column({ type: 'enum', enum: Market, enumName: 'market' })
  @Field(() => Market, { description: 'Business (B2B) or consumer (B2C)' })
  market!: Market;

  @Column({ type: 'enum', enum: Tier, enumName: 'tier' })
  @Field(() => Tier, { description: 'How much attention the account deserves' })
  tier!: Tier;

  @Column({ type: 'enum', enum: Lifecycle, enumName: 'lifecycle' })
  @Field(() => Lifecycle, { description: 'Prospect, customer, former customer or partner' })
  lifecycle!: Lifecycle;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  annualRevenueAmount!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  annualRevenueCurrency!: string | null;

  @Field(() => Money, { nullable: true, description: 'Yearly revenue of the organisation, as reported' })
  get annualRevenue(): Money | null {
    if (this.annualRevenueAmount === null || this.annualRevenueCurrency === null) return null;
    return { amount: this.annualRevenueAmount, currency: this.annualRevenueCurrency };
  }

  @Column({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Number of employees, as reported' })
  employeeCount!: number | null;

  @Column({ type: 'char', length: 2, nullable: true })
  @Field(() => String, { nullable: true, description: 'Country of the head office, ISO 3166-1 alpha-2, e.g. "DE"' })
  country!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the parent account in a group hierarchy' })
  parentId!: string | null;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @CreatedAtColumn('When the account was created in the CRM')
  createdAt!: Date;

  @UpdatedAtColumn('When the account was last changed')
  updatedAt!: Date;

  @DeletedAtColumn('When the account was deleted; null while it is live. Deleted accounts appear only in `filter: { deleted: true }` lists')
  deletedAt!: Date | null;

  @RecordVersionColumn()
  version!: number;
}
