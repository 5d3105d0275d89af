import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import type { GraphQLScalarType } from 'graphql';

export { GraphQLDateTimeISO, GraphQLLocalDate };

/** A custom scalar of the API, with an example of a valid value for error messages. */
export interface CustomScalar {
  scalar: GraphQLScalarType;
  example: string;
}

/**
 * Every custom scalar of the API, by name: the subgraphs build their fields with these
 * implementations, and the gateway checks arguments with the same ones before planning (the
 * supergraph declares custom scalars without their implementation, so the gateway alone would pass
 * any value through).
 */
export const CUSTOM_SCALARS: ReadonlyMap<string, CustomScalar> = new Map(
  [
    { scalar: GraphQLDateTimeISO, example: '2026-02-03T10:15:30Z' },
    { scalar: GraphQLLocalDate, example: '2026-02-03' },
  ].map((entry) => [entry.scalar.name, entry]),
);
