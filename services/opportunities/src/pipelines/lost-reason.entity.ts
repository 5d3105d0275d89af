import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '@crm/kernel/subgraph';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

/**
 * One entry of the managed list a deal's loss is explained with. Never deleted: deals and their
 * stage history keep pointing at it, so an outdated reason is deactivated instead.
 */
@Entity({ name: 'lost_reasons' })
@ObjectType({ description: 'Why deals are lost, from a list ADMINs and MANAGERs manage, e.g. "Price" or "Competitor"' })
export class LostReason {
  @IdColumn('Stable identifier of the lost reason')
  id!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Short name, unique (ignoring case) among the active reasons, e.g. "Competitor"' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'When to pick this reason, e.g. "Chose a competing product"' })
  description!: string | null;

  @Column({ type: 'boolean', default: true })
  @Field({ description: 'False once deactivated: no longer offered for new losses, but still shown on the deals lost with it' })
  active!: boolean;

  @CreatedAtColumn('When the reason was added to the list')
  createdAt!: Date;

  @UpdatedAtColumn('When the reason was last renamed, described, deactivated or reactivated')
  updatedAt!: Date;
}
