import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * `Account` belongs to the accounts subgraph. This service adds its timeline (`activities`,
 * `lastActivityAt`), so the stub is resolvable here: the gateway sends `{ id }` representations.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer or prospect: an organisation (B2B) or a consumer household (B2C)' })
export class Account {
  @Field(() => ID, { description: 'Stable identifier of the account' })
  id!: string;
}
