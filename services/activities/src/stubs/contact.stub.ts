import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * `Contact` belongs to the accounts subgraph. This service adds the person's activities and when we
 * last interacted with them, so the stub is resolvable here.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person at an account, e.g. a member of a buying committee' })
export class Contact {
  @Field(() => ID, { description: 'Stable identifier of the contact' })
  id!: string;
}
