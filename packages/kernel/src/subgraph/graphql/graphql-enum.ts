import { registerEnumType } from 'type-graphql';

/** The values of an enum object as a type: `export type Tier = EnumValue<typeof Tier>`. */
export type EnumValue<E> = E[keyof E];

/**
 * Registers an existing enum object (e.g. a TypeScript enum whose values are entity properties) as
 * the GraphQL enum `name`, with one description per value, keyed like the enum.
 */
export function registerGraphqlEnum<E extends Record<string, string>>(
  enumObject: E,
  name: string,
  description: string,
  values: { readonly [K in keyof E]: string },
): void {
  const valuesConfig = {} as Record<keyof E, { description: string }>;
  for (const key of Object.keys(values) as (keyof E)[]) valuesConfig[key] = { description: values[key] };
  registerEnumType(enumObject, { name, description, valuesConfig });
}

/**
 * Declares and registers a GraphQL enum whose values are their own names, each with its description,
 * in the order the SDL lists them. Pair it with a type of the same name:
 *
 *   export const Tier = graphqlEnum('Tier', 'How much attention an account deserves', { STRATEGIC: '…', KEY: '…' });
 *   export type Tier = EnumValue<typeof Tier>;
 *
 * `Tier.KEY` is then `'KEY'`, usable as a TypeORM `enum` and in `@Field(() => Tier)` like a TypeScript enum.
 */
export function graphqlEnum<K extends string>(name: string, description: string, values: { readonly [V in K]: string }): { readonly [V in K]: V } {
  const enumObject = Object.freeze(Object.fromEntries(Object.keys(values).map((key) => [key, key]))) as { readonly [V in K]: V };
  registerGraphqlEnum(enumObject, name, description, values);
  return enumObject;
}

/**
 * Declares and registers the GraphQL enum of what a list can be sorted by: each value names an entity
 * property (a NOT NULL column, as keyset pagination requires) and describes it, in the order the SDL
 * lists them. Pair it with a type of the same name and hand it to `OrderInput`:
 *
 *   export const AccountOrderField = sortFields('AccountOrderField', 'What to sort accounts by', { NAME: ['name', 'Account name'] });
 *   export type AccountOrderField = EnumValue<typeof AccountOrderField>;
 *
 * `AccountOrderField.NAME` is then `'name'`, the property `paginate` sorts on.
 */
export function sortFields<const F extends Record<string, readonly [property: string, description: string]>>(
  name: string,
  description: string,
  fields: F,
): SortFields<F> {
  const keys = Object.keys(fields) as (keyof F & string)[];
  const enumObject = Object.freeze(Object.fromEntries(keys.map((key) => [key, fields[key][0]]))) as SortFields<F>;
  const descriptions = Object.fromEntries(keys.map((key) => [key, fields[key][1]])) as { readonly [K in keyof F]: string };
  registerGraphqlEnum(enumObject, name, description, descriptions);
  return enumObject;
}

/** What `sortFields` returns: each key's entity property. */
export type SortFields<F extends Record<string, readonly [string, string]>> = { readonly [K in keyof F]: F[K][0] };
