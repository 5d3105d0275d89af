import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * `User` belongs to the accounts subgraph. This service only points at users (`Activity.owner`) and
 * adds no fields, so the stub is not resolvable here: the gateway fetches users from accounts.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'One of our own people who uses the CRM: a sales rep, manager, analyst or admin' })
export class User {
  @Field(() => ID, { description: 'Stable identifier of the user' })
  id!: string;
}
