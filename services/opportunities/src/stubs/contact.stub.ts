import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The accounts service owns contacts. This service only hands out references (`{ id }`, e.g. a
 * buying-committee member's person) and the gateway fetches every other field from accounts, so the
 * stub is not resolvable here.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'A person at an account, e.g. a member of a buying committee' })
export class Contact {
  @Field(() => ID, { description: 'Stable identifier of the contact' })
  id!: string;
}
