import 'reflect-metadata';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * The key of an `AdoptionRow` (`@key(fields: "userId from to")`): one sales person and one window.
 * The accounts subgraph owns the rows; the others extend them with their counts. Each subgraph's
 * `AdoptionRow` extends this class, so the key fields come first and read the same everywhere. This
 * base type itself is never in a schema (no field returns it).
 */
@ObjectType()
export abstract class AdoptionRowKey {
  @Field(() => ID, { description: 'Id of the sales person' })
  userId!: string;

  @Field({ description: 'Start of the window (inclusive), as in `crmAdoption`' })
  from!: Date;

  @Field({ description: 'End of the window (exclusive), as in `crmAdoption`' })
  to!: Date;
}
