import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

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

  planSubscription(document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
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
