import { createHash, randomUUID } from 'node:crypto';
import type { ServiceMap } from '@apollo/gateway';
import { UserRole, type Logger } from '@crm/kernel';
import { getOperationAST, GraphQLError, Kind, print, type DocumentNode, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import type { Client } from 'graphql-ws';
import type { GatewayContext } from '../context';
import { clientError, type FormatError } from './client-error';
import { BoundedQueue } from './bounded-queue';
import { injectCursor, injectResumeArgument } from './cursor-injection';
import { SharedStream, type KickReason, type Subscriber } from './shared-stream';
import { activeStreams } from './subscription-metrics';
import { SupergraphPlanner, type SubscriptionPlan } from './supergraph-planner';

export interface SubscriptionEngineOptions {
  serviceMap: ServiceMap;
  /** An upstream client to a subgraph; `credentials` is read on every (re)connect. */
  connect: (serviceName: string, credentials: () => GatewayContext) => Client;
  logger: Logger;
  /** Undelivered events one subscriber may hold before it is disconnected. */
  queueLimit: number;
  /** Formats every error the engine sends, refusals and those of events, as Apollo formats them over HTTP. */
  formatError: FormatError;
}

export interface SubscribeRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: GatewayContext;
  /** Called when this subscriber must go away (retryable): slow consumer or schema change. */
  onKick: (reason: KickReason) => void;
}

/**
 * Who may see the same events: roles that read everything share one scope; a REP's scope is theirs.
 * Identical operations in the same scope share one upstream stream and one hydration per event.
 */
export function authorizationScope(context: GatewayContext): string {
  const { role, userId, teamId } = context.principal;
  return role === UserRole.REP ? `${role}:${userId}:${teamId ?? ''}` : role;
}

/** Federated subscriptions: plans with the supergraph, shares upstreams, hydrates and fans out. */
export class SubscriptionEngine {
  private planner: SupergraphPlanner | undefined;
  private readonly streams = new Map<string, SharedStream>();

  constructor(private readonly options: SubscriptionEngineOptions) {}

  /** (Re)loads the supergraph; live subscriptions end with a retryable close so clients resubscribe. */
  updateSchema(supergraphSdl: string, apiSchema: GraphQLSchema): void {
    const hadPlanner = Boolean(this.planner);
    this.planner = new SupergraphPlanner(supergraphSdl, apiSchema);
    if (hadPlanner) for (const stream of [...this.streams.values()]) stream.close('schema-changed');
  }

  get activeStreams(): number {
    return this.streams.size;
  }

  /**
   * The events of one subscriber, or the refusal of its subscription; errors in either are formatted
   * for the client. Throws only on a failure of the gateway itself.
   */
  subscribe(request: SubscribeRequest): AsyncIterableIterator<FormattedExecutionResult> | FormattedExecutionResult {
    const planner = this.planner;
    if (!planner) return this.refusal(new GraphQLError('The gateway is still loading its schema; retry shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } }));
    const operation = getOperationAST(request.document, request.operationName);
    if (!operation) return this.refusal(new GraphQLError('No operation with that name in the document', { extensions: { code: 'BAD_USER_INPUT' } }));
    const variables = request.variables ?? {};
    const withCursor = injectCursor(request.document, operation, planner.apiGraphQLSchema);
    const { document, resumeVariable } = injectResumeArgument(withCursor, getOperationAST(withCursor, request.operationName)!, planner.apiGraphQLSchema);
    // A client resuming from its own cursor needs the replay from there: it never joins a stream
    // that may already have delivered part of it. Live-only subscriptions share.
    const resuming = resumeVariable !== null && variables[resumeVariable] != null;
    const key = createHash('sha256')
      .update(print(document))
      .update('\0')
      .update(request.operationName ?? '')
      .update('\0')
      .update(JSON.stringify(variables))
      .update('\0')
      .update(authorizationScope(request.context))
      .update(resuming ? `\0${randomUUID()}` : '')
      .digest('hex');

    let stream = this.streams.get(key);
    if (!stream) {
      let plan: SubscriptionPlan;
      try {
        plan = planner.planSubscription(document, request.operationName ?? undefined);
      } catch (error) {
        if (error instanceof GraphQLError) return this.refusal(error);
        throw error;
      }
      // A live stream asks the owning subgraph for its log's head first and starts after it (see SharedStream.start).
      const root = operation.selectionSet.selections[0];
      const cursorField = root?.kind === Kind.FIELD ? `${root.name.value}Cursor` : undefined;
      const headQuery =
        resumeVariable !== null && !resuming && cursorField && planner.apiGraphQLSchema.getQueryType()?.getFields()[cursorField] ? `query { ${cursorField} }` : null;
      stream = new SharedStream({
        key,
        document,
        operationName: request.operationName ?? undefined,
        variables,
        resumeVariable,
        headQuery,
        maxInFlight: this.options.queueLimit,
        plan,
        planner,
        owner: request.context,
        serviceMap: this.options.serviceMap,
        connect: this.options.connect,
        logger: this.options.logger,
        formatError: this.options.formatError,
        onIdle: (idle) => {
          if (this.streams.get(idle) === stream) this.streams.delete(idle);
          activeStreams.set(this.streams.size);
        },
      });
      this.streams.set(key, stream);
      activeStreams.set(this.streams.size);
    }
    const shared = stream;
    const subscriber: Subscriber = {
      context: request.context,
      deliver: (result) => queue.push(result),
      end: () => queue.end(),
      kick: (reason) => {
        queue.end();
        request.onKick(reason);
      },
    };
    const queue = new BoundedQueue<FormattedExecutionResult>(this.options.queueLimit, () => shared.remove(subscriber));
    shared.add(subscriber);
    return queue;
  }

  private refusal(error: GraphQLError): FormattedExecutionResult {
    return { errors: [clientError(error, this.options.formatError)] };
  }

  stop(): void {
    for (const stream of [...this.streams.values()]) stream.close();
  }
}
