import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The accounts service owns teams. This service only hands out references (`{ id }`) and the gateway
 * fetches every other field from accounts, so the stub is not resolvable here.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'A group of our own people, e.g. a regional sales team, led by a manager' })
export class Team {
  @Field(() => ID, { description: 'Stable identifier of the team' })
  id!: string;
}
