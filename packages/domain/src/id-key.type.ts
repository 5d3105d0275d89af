import 'reflect-metadata';
import { Field, ID, ObjectType } from 'type-graphql';
import { SHARED_ENTITIES, type SharedEntityName } from './shared-entity';

type IdKeyed = { [Name in SharedEntityName]: (typeof SHARED_ENTITIES)[Name] extends { id: string } ? Name : never }[SharedEntityName];

/**
 * The key field of an entity keyed by `id`, as its owner describes it: a stub extends it, so the
 * `id` comes first in the type, as in the owner's. The base type itself is never in a schema (no
 * field returns it); its fields are inherited.
 */
export function IdKey(name: IdKeyed): abstract new () => { id: string } {
  @ObjectType(`${name}Key`)
  abstract class Key {
    @Field(() => ID, { description: SHARED_ENTITIES[name].id })
    id!: string;
  }
  return Key;
}
