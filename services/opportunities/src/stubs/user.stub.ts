import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The accounts service owns users. This service only hands out references (`{ id }`) and the gateway
 * fetches every other field from accounts, so the stub is not resolvable here.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'One of our own people who uses the CRM: a sales rep, manager, analyst or admin' })
export class User {
  @Field(() => ID, { description: 'Stable identifier of the user' })
  id!: string;
}
