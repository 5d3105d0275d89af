import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** The page size assumed for a paginated field whose `first` is absent and has no default. */
export const DEFAULT_PAGE_SIZE = 20;

/** Fields walked (fragments expanded) before the cost is declared unbounded: bounds a fragment bomb. */
export const MAX_COST_NODES = 100_000;

/**
 * Each field costs 1; a paginated field (one with a `first` argument) costs 1 plus its subtree
 * times `first`, so nesting multiplies: `accounts(first: 10) { edges { node { contacts(first: 5)
 * { edges { node { name } } } } } }` costs 1 + 10 × (1 + 1 + (1 + 5 × 3)) = 181. Plain lists
 * without `first` (a deal's stages, a connection's `edges`) are bounded by their parent and count once.
 */
const pageCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return 1 + childComplexity;
  const first = typeof args.first === 'number' ? Math.max(0, args.first) : DEFAULT_PAGE_SIZE;
  return 1 + first * childComplexity;
};

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/**
 * The cost of the operation `operationName` (or of every operation of the document) with these
 * variables; Infinity past {@link MAX_COST_NODES} fields. Undefined when the variables do not fit the operation: execution refuses those before
 * any subgraph is asked, with a better message than ours.
 */
export function operationCost({ schema, document, variables, operationName }: CostInput): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [pageCost],
      maxQueryNodes: MAX_COST_NODES,
    });
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) return Number.POSITIVE_INFINITY;
    return undefined;
  }
}
