import { buildOperationContext } from '@apollo/gateway';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';

export interface SubscriptionPlan {
  /** The fetch to the subgraph that owns the subscription field. */
  primary: FetchNode;
  /** Entity fetches that hydrate each event with fields from other subgraphs, if any. */
  rest?: PlanNode;
  operationContext: ReturnType<typeof buildOperationContext>;
}

/**
 * Plans subscriptions with the same query planner `@apollo/gateway` uses for queries. The gateway
 * itself refuses to execute a plan of kind `Subscription`; we run its parts ourselves.
 */
export class SupergraphPlanner {
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  private readonly planner: QueryPlanner;

  constructor(supergraphSdl: string, readonly apiGraphQLSchema: GraphQLSchema) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** Throws a GraphQLError for an operation a client may fix, any other error for a planner failure. */
  planSubscription(document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const condition = rootCondition(document, operationName);
    // The planner has no plan for a root field that may not be there (and graphql's validation lets it through).
    if (condition) {
      throw new GraphQLError(`The root field of a subscription must always be selected: expected no @skip or @include at the root, got ${condition}`, {
        extensions: { code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED },
      });
    }
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const plan = this.planner.buildQueryPlan(operation);
    if (plan.node?.kind !== 'Subscription') throw new Error('not a subscription operation');
    return {
      primary: plan.node.primary,
      rest: plan.node.rest,
      operationContext: buildOperationContext({ schema: this.apiGraphQLSchema, operationDocument: document, operationName }),
    };
  }
}

/** The first @skip or @include among the root selections of the operation (fragments followed), if any. */
function rootCondition(document: DocumentNode, operationName: string | undefined): string | undefined {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d.selectionSet]),
  );
  const visited = new Set<string>();
  const search = (selectionSet: SelectionSetNode): string | undefined => {
    for (const selection of selectionSet.selections) {
      const directive = selection.directives?.find((d) => d.name.value === 'skip' || d.name.value === 'include');
      if (directive) return `@${directive.name.value}`;
      let inner: SelectionSetNode | undefined;
      if (selection.kind === Kind.INLINE_FRAGMENT) inner = selection.selectionSet;
      else if (selection.kind === Kind.FRAGMENT_SPREAD && !visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        inner = fragments.get(selection.name.value);
      }
      const found = inner && search(inner);
      if (found) return found;
    }
    return undefined;
  };
  const operation = getOperationAST(document, operationName);
  return operation ? search(operation.selectionSet) : undefined;
}
