import { ApolloLink } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { filter, type Observable } from 'rxjs';
import { CursorTracker, type CursorOrder } from './cursor-tracker';

export interface ResumeLinkOptions {
  /** Orders cursors so that anything not after the last delivered one is dropped. Default: none (cursors are opaque; duplicates are found by equality). */
  compareCursors?: CursorOrder;
  /** How many recently delivered cursors each subscription remembers for deduplication. Default: 1000. */
  dedupeWindow?: number;
  /**
   * The cursor of the newest event in the log behind a subscription field (the gateway's
   * `<field>Cursor` query, e.g. `dealStageChangedCursor`), or undefined. When given, a subscription
   * that starts live asks for it as it starts, so that a connection lost before the first event
   * resumes from there instead of from the reconnect on. It still starts live, sharing the gateway's stream.
   */
  fetchHead?: (field: string) => Promise<string | undefined>;
}

/**
 * Makes cursor-carrying subscriptions resume where they left off after any reconnect.
 *
 * Applies to a subscription whose operation declares `$after: String` and whose root field's result
 * has a `cursor` (e.g. `dealStageChanged(filter: $filter, after: $after) { cursor … }`); every other
 * operation passes through untouched. For such a subscription the link:
 *
 * 1. watches the results and records the `cursor` of each event it delivers;
 * 2. replaces `variables.after` with a getter that returns that last cursor. graphql-ws re-sends the
 *    same subscribe payload object on every reconnect and serialises it only at send time, so each
 *    re-subscription asks for `after: <last delivered cursor>` — and so does a re-subscription of this
 *    link's observable (Apollo's `restart()`). Before the first event that is the log's head as the
 *    subscription started (`fetchHead`), when known;
 * 3. drops an event whose cursor was already delivered (see CursorTracker).
 *
 * It sits directly in front of the GraphQLWsLink, which passes `operation.variables` through by reference.
 */
export class ResumeLink extends ApolloLink {
  constructor(private readonly options: ResumeLinkOptions = {}) {
    super();
  }

  override request(operation: ApolloLink.Operation, forward: ApolloLink.ForwardFunction): Observable<ApolloLink.Result> {
    const root = resumableRoot(operation);
    if (root === undefined) return forward(operation);

    const requested: unknown = operation.variables.after;
    const tracker = new CursorTracker({
      initial: typeof requested === 'string' ? requested : undefined,
      compareCursors: this.options.compareCursors,
      window: this.options.dedupeWindow,
    });
    // Without it a live subscription has nothing to resume from until its first event arrives.
    let head: string | undefined;
    if (typeof requested !== 'string' && this.options.fetchHead) {
      this.options.fetchHead(root.field).then(
        (cursor) => (head = cursor),
        () => undefined,
      );
    }
    operation.variables = withLazyAfter(operation.variables, () => tracker.last ?? requested ?? head);
    return forward(operation).pipe(filter((result) => tracker.accept(cursorOf(result, root.key))));
  }
}

/** The root field (its response key and its name) when the operation is a subscription declaring `$after: String`. */
export function resumableRoot(operation: Pick<ApolloLink.Operation, 'query'>): { key: string; field: string } | undefined {
  const definition = getMainDefinition(operation.query);
  if (definition.kind !== Kind.OPERATION_DEFINITION) return undefined;
  if ((definition as OperationDefinitionNode).operation !== OperationTypeNode.SUBSCRIPTION) return undefined;
  const { variableDefinitions = [], selectionSet } = definition as OperationDefinitionNode;
  const declaresAfter = variableDefinitions.some(
    (v) => v.variable.name.value === 'after' && v.type.kind === Kind.NAMED_TYPE && v.type.name.value === 'String',
  );
  // A subscription has exactly one root field (GraphQL spec, "Single root field").
  const root = selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  if (!declaresAfter || !root || root.kind !== Kind.FIELD) return undefined;
  return { key: root.alias?.value ?? root.name.value, field: root.name.value };
}

/** The root field's `cursor` in one result, when it has one. */
export function cursorOf(result: ApolloLink.Result, rootKey: string): string | undefined {
  const data = (result as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const root = (data as Record<string, unknown>)[rootKey];
  if (typeof root !== 'object' || root === null) return undefined;
  const cursor = (root as Record<string, unknown>).cursor;
  return typeof cursor === 'string' ? cursor : undefined;
}

/** A copy of `variables` whose `after` is read on every access (and so on every JSON serialisation). */
function withLazyAfter(variables: Record<string, unknown>, after: () => unknown): Record<string, unknown> {
  const copy = { ...variables };
  Object.defineProperty(copy, 'after', { enumerable: true, configurable: true, get: after });
  return copy;
}
