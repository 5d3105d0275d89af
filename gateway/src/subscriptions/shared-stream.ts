import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { decodeEventCursor, tokenExpiresAt, type Logger } from '@crm/kernel';
import { GraphQLError, print, type DocumentNode, type ExecutionResult, type FormattedExecutionResult as ClientResult, type GraphQLFormattedError } from 'graphql';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import type { GatewayContext } from '../context';
import { clientError, type FormatError } from './client-error';
import { peekCursor, takeCursor } from './cursor-injection';
import { activeSubscribers, eventsHydrated, slowSubscribersKicked } from './subscription-metrics';
import type { SupergraphPlanner, SubscriptionPlan } from './supergraph-planner';

/**
 * Why a subscriber is disconnected (all retryable): it cannot keep up, the schema changed, or an event
 * could not be completed (its stream is behind or hydration failed); it resumes with `after`.
 */
export type KickReason = 'slow' | 'schema-changed' | 'retry';

/** One client subscription: receives hydrated results, or is told to go away. */
export interface Subscriber {
  /** Who subscribed: their token may authenticate the shared upstream. */
  context: GatewayContext;
  /** Returns false when the subscriber's queue is full (it cannot keep up). Errors in `result` are formatted for clients. */
  deliver(result: ClientResult): boolean;
  end(): void;
  /** Disconnects the subscriber with a retryable reason (slow consumer, schema change). */
  kick(reason: KickReason): void;
}

export interface SharedStreamOptions {
  key: string;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  /** The upstream variable holding `after`, moved to each delivered cursor (see `injectResumeArgument`). */
  resumeVariable: string | null;
  /**
   * For a live stream (no `after` from the client): the query of the owning subgraph's log head,
   * e.g. `query { dealStageChangedCursor }`; null when there is none or the client gave `after`.
   */
  headQuery: string | null;
  plan: SubscriptionPlan;
  planner: SupergraphPlanner;
  /** Upstream events waiting for hydration before the stream lets go (see `inFlight`). */
  maxInFlight: number;
  /** The context of the first subscriber: it plans and hydrates in that subscriber's scope (every subscriber shares it). */
  owner: GatewayContext;
  serviceMap: ServiceMap;
  connect: (serviceName: string, credentials: () => GatewayContext) => Client;
  logger: Logger;
  /** Masks the errors of each event, once for every subscriber, as Apollo masks them over HTTP. */
  formatError: FormatError;
  onIdle: (key: string) => void;
}

/** One message of the upstream subscription, as its client hands it over. */
type UpstreamResult = FormattedExecutionResult<Record<string, unknown>, unknown>;

/** An event or an end of the stream, before its errors are formatted (they come from subgraphs and from the gateway). */
interface UnformattedResult {
  data?: Record<string, unknown> | null;
  errors?: readonly (GraphQLError | GraphQLFormattedError)[];
}

/**
 * One upstream subscription to the subgraph that owns the field, shared by every client that sent
 * the same operation and variables with the same authorization scope. Each event is hydrated with
 * fields from other subgraphs once, then fanned out; events come out in upstream order.
 */
export class SharedStream {
  private readonly subscribers = new Set<Subscriber>();
  private lastCursor: bigint | undefined;
  private pending: Promise<void> = Promise.resolve();
  /** Events received from the upstream and not yet hydrated: bounded, like each subscriber's queue. */
  private inFlight = 0;
  private started = false;
  private unsubscribe: (() => void) | undefined;
  private client: Client | undefined;
  /** The subscribe payload's variables: graphql-ws re-sends this very object on reconnect. */
  private upstreamVariables: Record<string, unknown> = {};
  private ended = false;

  constructor(private readonly options: SharedStreamOptions) {}

  get size(): number {
    return this.subscribers.size;
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    activeSubscribers.inc();
    if (!this.started) {
      this.started = true;
      // start() is async (it asks for the log head first): a failure there ends the stream like an upstream error.
      this.start().catch((error) => {
        this.options.logger.error({ err: error }, 'subscription stream could not start');
        this.fail(error);
      });
    }
  }

  remove(subscriber: Subscriber): void {
    if (this.subscribers.delete(subscriber)) activeSubscribers.dec();
    if (this.subscribers.size === 0) this.close();
  }

  /** Ends the upstream; subscribers still attached are kicked with `reason`. */
  close(reason?: KickReason): void {
    if (this.ended) return;
    this.ended = true;
    this.unsubscribe?.();
    void this.client?.dispose();
    for (const subscriber of this.subscribers) (reason ? subscriber.kick(reason) : subscriber.end());
    activeSubscribers.dec(this.subscribers.size);
    this.subscribers.clear();
    this.options.onIdle(this.options.key);
  }

  private async start(): Promise<void> {
    const { plan, variables, resumeVariable } = this.options;
    this.upstreamVariables = Object.fromEntries((plan.primary.variableUsages ?? []).map((name) => [name, variables[name] ?? null]));
    // A live upstream that subscribed with no `after` and lost its connection before its first event
    // could only start again from "now", missing what happened meanwhile. Starting after the log's
    // head as of now means the same live events, and a reconnect resumes from there.
    this.client = this.options.connect(plan.primary.serviceName, () => this.credentials());
    const head = await this.head(this.client);
    if (this.ended) return;
    if (head && resumeVariable && resumeVariable in this.upstreamVariables) this.upstreamVariables[resumeVariable] = head;
    this.unsubscribe = this.client.subscribe(
      { query: plan.primary.operation, variables: this.upstreamVariables, operationName: plan.primary.operationName },
      {
        next: (result) => {
          if (this.ended) return;
          // Hydration is the slow part: an upstream far ahead of it (a long catch-up) would pile up
          // events in memory. Let go instead; subscribers resume from their last cursor.
          if (++this.inFlight > this.options.maxInFlight) return this.close('retry');
          this.pending = this.pending
            .then(() => this.handle(result))
            .catch((error) => {
              // Dropping the event would leave a silent gap: every subscriber resumes from before it instead.
              this.options.logger.error({ err: error }, 'subscription event could not be hydrated; subscribers resume from their last cursor');
              this.close('retry');
            })
            .finally(() => this.inFlight--);
        },
        error: (error) => {
          void this.pending.then(() => this.fail(error));
        },
        complete: () => {
          void this.pending.then(() => this.close());
        },
      },
    );
  }

  /**
   * The owning subgraph's log head (`headQuery`), asked over the upstream's own connection; undefined
   * without a head query, or when asking fails: the stream then starts live, as it would without one.
   */
  private async head(client: Client): Promise<string | undefined> {
    const { headQuery, logger } = this.options;
    if (!headQuery) return undefined;
    try {
      const answers = client.iterate<Record<string, unknown>>({ query: headQuery });
      const { value } = await answers.next();
      void answers.return?.();
      const cursor = value?.data ? Object.values(value.data)[0] : undefined;
      if (typeof cursor === 'string') return cursor;
      if (!this.ended) logger.warn({ errors: value?.errors }, 'no event log head from the subgraph; the subscription starts live');
    } catch (error) {
      if (!this.ended) logger.warn({ err: error }, 'no event log head from the subgraph; the subscription starts live');
    }
    return undefined;
  }

  /**
   * The token the upstream (re)connects with: the subscriber whose token expires last. The first
   * subscriber's may have expired by the time a subgraph restarts, and the subgraph would refuse it.
   */
  private credentials(): GatewayContext {
    let best = this.options.owner;
    let bestExpiry = expiryOf(best);
    for (const { context } of this.subscribers) {
      const expiry = expiryOf(context);
      if (expiry > bestExpiry) [best, bestExpiry] = [context, expiry];
    }
    return best;
  }

  private async handle(upstream: UpstreamResult): Promise<void> {
    if (this.ended) return;
    if (!upstream.data) {
      this.broadcast({ errors: upstream.errors ?? [new GraphQLError('The event stream failed')] });
      return this.close();
    }
    // The cursor stays in the event until hydration: the planned operation selects it.
    const cursor = peekCursor(upstream.data as Record<string, any>);
    if (cursor !== undefined) {
      const position = decodeEventCursor(cursor);
      // A reconnected upstream resumes after the last delivered cursor; anything older is a duplicate.
      if (this.lastCursor !== undefined && position <= this.lastCursor) return;
      this.lastCursor = position;
      const resume = this.options.resumeVariable;
      if (resume && resume in this.upstreamVariables) this.upstreamVariables[resume] = cursor;
    }
    const result = await this.hydrate(upstream);
    eventsHydrated.inc();
    takeCursor(result.data as Record<string, any>);
    this.broadcast(result);
  }

  /**
   * Runs the plan's entity fetches for one event, starting from the event the upstream sent. The
   * event stands in for the response to the plan's primary fetch, errors included: a field the
   * subscriber may not read is null with an error at its path, as in a query over HTTP, and not a
   * silent null.
   */
  private async hydrate(event: UpstreamResult): Promise<ExecutionResult> {
    const { plan, planner, owner, variables, document, operationName, serviceMap } = this.options;
    const primaryService = serviceMap[plan.primary.serviceName];
    const eventSource: GraphQLDataSource = {
      process: (request) =>
        request.request.query === plan.primary.operation ? Promise.resolve({ data: event.data, errors: event.errors }) : primaryService.process(request as never),
    };
    const requestContext = {
      request: { query: print(document), variables, operationName },
      context: owner,
      logger: this.options.logger,
      metrics: {},
      operationName,
    };
    const result = await executeQueryPlan(
      { kind: 'QueryPlan', node: plan.rest ? { kind: 'Sequence', nodes: [plan.primary, plan.rest] } : plan.primary },
      { ...serviceMap, [plan.primary.serviceName]: eventSource },
      requestContext as never,
      plan.operationContext,
      planner.supergraphSchema,
      planner.apiSchema,
    );
    return result as ExecutionResult;
  }

  private broadcast(result: UnformattedResult): void {
    // Formatted once for every subscriber: they share the operation and the authorization scope, so
    // the errors are the same for all of them. Masked exactly as over HTTP.
    const payload: ClientResult = {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors?.length ? { errors: result.errors.map((error) => clientError(error, this.options.formatError)) } : {}),
    };
    for (const subscriber of [...this.subscribers]) {
      if (!subscriber.deliver(payload)) {
        this.remove(subscriber);
        slowSubscribersKicked.inc();
        subscriber.kick('slow');
      }
    }
    if (this.subscribers.size === 0) this.close();
  }

  private fail(error: unknown): void {
    const message =
      Array.isArray(error) ? (error as GraphQLError[])[0]?.message : (error as { code?: number; reason?: string })?.reason || 'The event stream was closed';
    this.broadcast({ errors: Array.isArray(error) ? (error as GraphQLError[]) : [new GraphQLError(message ?? 'The event stream failed', { extensions: { code: 'SERVICE_UNAVAILABLE' } })] });
    this.close();
  }
}

function expiryOf(context: GatewayContext): number {
  return tokenExpiresAt(context.authorization)?.getTime() ?? Number.POSITIVE_INFINITY;
}
