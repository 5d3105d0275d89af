import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { isUnexpectedError, principalFromHeader, requestIdFrom, tokenExpiresAt, type Logger, type Principal, type TokenSettings } from '@crm/kernel';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { sizeInBytes } from '../config';
import type { GatewayContext } from '../context';
import type { KickReason } from './shared-stream';
import type { SubscriptionEngine } from './subscription-engine';
import { clientError, clientResult, type FormatError } from './client-error';
import { SubscriptionSlots, type SubscriptionLimits } from './subscription-slots';

/** Retryable closes we send ourselves (graphql-ws clients reconnect after these). */
export const RetryableClose = {
  /** The subscriber's queue overflowed: it could not keep up. */
  TryAgainLater: 1013,
  /** The gateway's schema changed; resubscribe against the new one. */
  ServiceRestart: 1012,
  /** The connection's bearer token expired; reconnect with a fresh token. */
  TokenExpired: 4410,
} as const;

/**
 * The operation limits HTTP applies (the edge's `OperationLimits`), as this server plugs them in:
 * server.ts hands the same instance to both, so the WebSocket needs nothing from the edge.
 */
export interface OperationChecks {
  readonly parseOptions: ParseOptions;
  readonly validationRules: readonly ValidationRule[];
  /** The refusal of a parsed, valid operation (cost, introspection, arguments), or undefined when it may run. */
  check(operation: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variables?: Record<string, unknown> | null;
    operationName?: string | null;
    principal?: Principal;
  }): GraphQLError | undefined;
}

interface SocketExtra extends Record<PropertyKey, unknown> {
  socket: WebSocket;
  gateway?: GatewayContext;
}

/** What `execute` and `subscribe` get as their context: the caller's, plus the socket and the operation's id. */
interface OperationContext extends GatewayContext {
  socket: WebSocket;
  operationId: string;
}

export interface GraphQLWsOptions {
  httpServer: Server;
  path: string;
  engine: SubscriptionEngine;
  apollo: ApolloServer<GatewayContext>;
  tokens: TokenSettings;
  logger: Logger;
  /** The current API schema, for validating operations. */
  schema: () => GraphQLSchema;
  /** The same operation limits as HTTP, applied to each `subscribe` message before anything runs. */
  limits: OperationChecks;
  /** The same error formatter as HTTP: every error sent on a socket goes through it once. */
  formatError: FormatError;
  /** Live subscriptions per connection and per user; one more is refused until one ends. */
  subscriptionLimits: SubscriptionLimits;
  /** Largest message a client may send: the HTTP body limit (BODY_LIMIT, e.g. "1mb"), read as express reads it. A larger one closes the socket with 1009. */
  maxMessageSize: string;
  /** Interval of WebSocket pings; a socket that misses one is dropped. Default 12 s. */
  keepAliveMs?: number;
}

/** The close code and reason of each retryable disconnect of a subscriber. */
const KICKS: Record<KickReason, [number, string]> = {
  slow: [RetryableClose.TryAgainLater, 'Subscriber cannot keep up; reconnect and resume with `after`'],
  retry: [RetryableClose.TryAgainLater, 'An event could not be completed; reconnect and resume with `after`'],
  'schema-changed': [RetryableClose.ServiceRestart, 'The schema changed; resubscribe'],
};

/** setTimeout's largest delay (about 24.8 days); later expiries are checked again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A token is checked when the socket connects; a long-lived socket must not outlive it, or a revoked
 * user would keep receiving events. At expiry the socket closes with 4410, which clients retry with a
 * fresh token (resuming with `after`).
 */
function closeWhenExpired(socket: WebSocket, expiresAt: Date | null): void {
  if (!expiresAt) return;
  let timer: NodeJS.Timeout;
  const check = () => {
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) {
      socket.close(RetryableClose.TokenExpired, 'The bearer token has expired; reconnect with a fresh one and resume with `after`');
      return;
    }
    timer = setTimeout(check, Math.min(left, MAX_TIMER_MS)).unref();
  };
  check();
  socket.once('close', () => clearTimeout(timer));
}

/**
 * The GraphQL over WebSocket protocol (`graphql-ws`) on the same path as HTTP. The token comes in
 * `connectionParams.authorization` of `connection_init`; an invalid one closes the socket with 4403.
 * Subscriptions go to the federated engine; queries and mutations run through Apollo Server.
 */
export function attachGraphQLWs(options: GraphQLWsOptions): { dispose(): Promise<void> } {
  // `ws` stops reading a larger message as soon as its header announces the length, and closes with 1009 Message Too Big.
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: sizeInBytes(options.maxMessageSize) });
  const slots = new SubscriptionSlots(options.subscriptionLimits);
  /** The client form of each refusal made here, sent in its stead by `onError`. */
  const shown = new WeakMap<GraphQLError, GraphQLFormattedError>();
  const alive = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const ping = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.get(socket)) socket.terminate();
      else {
        alive.set(socket, false);
        socket.ping();
      }
    }
  }, options.keepAliveMs ?? 12_000).unref();

  const server = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema: () => options.schema(),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = String(params.authorization ?? params.Authorization ?? '');
        try {
          const principal = await principalFromHeader(header, options.tokens);
          ctx.extra.gateway = { principal, authorization: header, requestId: requestIdFrom({ 'x-request-id': String(params['x-request-id'] ?? '') }) };
          closeWhenExpired(ctx.extra.socket, tokenExpiresAt(header));
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      // Parse, validate and check the limits here, as Apollo does for HTTP: a refused operation is
      // answered with an `error` message and never reaches the engine or a subgraph.
      onSubscribe: (ctx, id, payload) => {
        const schema = options.schema();
        let document: DocumentNode;
        try {
          document = parse(payload.query, options.limits.parseOptions);
        } catch (error) {
          return [refusal(error, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
        }
        const invalid = validate(schema, document, [...specifiedRules, ...options.limits.validationRules]);
        if (invalid.length > 0) return invalid.map((error) => refusal(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
        const refused = options.limits.check({
          schema,
          document,
          variables: payload.variables,
          operationName: payload.operationName,
          principal: ctx.extra.gateway?.principal,
        });
        if (refused) return [refusal(refused, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED)];
        // Counted last, so only a subscription that would run takes a slot.
        if (getOperationAST(document, payload.operationName)?.operation === OperationTypeNode.SUBSCRIPTION) {
          const full = slots.take(ctx.extra.socket, id, ctx.extra.gateway!.principal.userId);
          if (full) {
            shown.set(full, full.toJSON()); // our own message and code: nothing in it to mask
            return [full];
          }
        }
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx, id): OperationContext => ({ ...ctx.extra.gateway!, socket: ctx.extra.socket, operationId: id }),
      subscribe: (args) => {
        const { socket, operationId, ...context } = args.contextValue as OperationContext;
        const release = () => slots.release(socket, operationId);
        try {
          const events = options.engine.subscribe({
            document: args.document,
            operationName: args.operationName,
            variables: args.variableValues as Record<string, unknown>,
            context,
            onKick: (reason) => socket.close(...KICKS[reason]),
          });
          return wire(Symbol.asyncIterator in events ? releasingOnReturn(events, release) : events);
        } catch (error) {
          return wire(failure(error, context, 'subscription could not start'));
        }
      },
      execute: async (args) => {
        const { socket: _socket, operationId: _id, ...context } = args.contextValue as OperationContext;
        try {
          const response = await options.apollo.executeOperation(
            { query: print(args.document), variables: args.variableValues as Record<string, unknown>, operationName: args.operationName ?? undefined },
            { contextValue: context },
          );
          // Apollo has formatted these errors already, as for HTTP (formatError, request id, no stack).
          if (response.body.kind === 'single') return wire(response.body.singleResult);
          return wire({ errors: [new GraphQLError('Incremental delivery (@defer, @stream) is not supported over WebSocket: expected one result, got several', { extensions: { code: 'BAD_REQUEST' } })] });
        } catch (error) {
          return wire(failure(error, context, 'operation failed'));
        }
      },
      // graphql-ws sends these instead of the result and errors it was given (it would call toJSON()
      // on each error, and formatted ones have none: the socket would close with 4500).
      onNext: (_ctx, _id, _payload, _args, result) => clientResult(result, options.formatError),
      onError: (ctx, _id, _payload, errors) => {
        // Refusals before anything ran, or a subscription's stream that threw: the latter is masked and logged.
        const unexpected = errors.filter((error) => !shown.has(error) && isUnexpectedError(error));
        if (unexpected.length > 0) options.logger.error({ err: unexpected[0].originalError ?? unexpected[0], requestId: ctx.extra.gateway?.requestId }, 'subscription stream failed');
        else options.logger.debug({ errors }, 'operation refused');
        return errors.map((error) => shown.get(error) ?? clientError(error, options.formatError));
      },
      onComplete: (ctx, id) => slots.release(ctx.extra.socket, id),
      onClose: (ctx) => slots.releaseAll(ctx.extra.socket),
    },
    wss,
  );

  /** A refusal before anything runs (parse, validation, limits), with `code` unless it has one; `onError` sends its client form. */
  function refusal(error: unknown, code: string): GraphQLError {
    const original = error instanceof GraphQLError ? error : new GraphQLError(String(error));
    const { message, nodes, source, positions, path } = original;
    const refused = original.extensions.code ? original : new GraphQLError(message, { nodes, source, positions, path, extensions: { ...original.extensions, code } });
    shown.set(refused, clientError(refused, options.formatError));
    return refused;
  }

  /** An operation that threw instead of answering: logged in full, answered like an HTTP error (masked unless it is meant for clients). */
  function failure(error: unknown, context: GatewayContext, what: string): FormattedExecutionResult {
    const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
    if (isUnexpectedError(graphqlError)) options.logger.error({ err: error, requestId: context.requestId }, what);
    return { errors: [clientError(graphqlError, options.formatError)] };
  }

  return {
    dispose: async () => {
      clearInterval(ping);
      await server.dispose(); // closes every socket with 1001 Going Away: clients reconnect elsewhere
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * graphql-ws types results with GraphQLErrors; ours carry errors already formatted, which `onNext`
 * sends as they are.
 */
function wire(result: FormattedExecutionResult | AsyncIterableIterator<FormattedExecutionResult>): ExecutionResult | AsyncIterableIterator<ExecutionResult> {
  return result as ExecutionResult | AsyncIterableIterator<ExecutionResult>;
}

/**
 * Gives back a subscription's slot as soon as graphql-ws ends it (the client completed it or left):
 * a client that completes one subscription and at once starts another must find the slot free,
 * before the end of the old one has run its course.
 */
function releasingOnReturn<T>(events: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  return {
    next: () => events.next(),
    return: (value?: unknown) => {
      release();
      return events.return?.(value) ?? Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
