import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * `Team` belongs to the accounts subgraph. This service only points at teams (`Activity.team`) and
 * adds no fields, so the stub is not resolvable here: the gateway fetches teams from accounts.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'A group of our own people, e.g. a regional sales team, led by a manager' })
export class Team {
  @Field(() => ID, { description: 'Stable identifier of the team' })
  id!: string;
}
