import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * `Opportunity` belongs to the opportunities subgraph. This service adds the deal's activities and
 * when it was last worked on, so the stub is resolvable here.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A deal: a potential sale to an account, with an amount, an expected close date, an owner and a stage' })
export class Opportunity {
  @Field(() => ID, { description: 'Stable identifier of the opportunity' })
  id!: string;
}
