import { graphqlEnum, type EnumValue } from './graphql-enum';

export const SortDirection = graphqlEnum('SortDirection', 'Order of a sorted list', {
  ASC: 'Smallest, earliest or A first',
  DESC: 'Largest, latest or Z first',
});
export type SortDirection = EnumValue<typeof SortDirection>;
