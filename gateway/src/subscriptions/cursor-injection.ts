import { getNamedType, isObjectType, Kind, type ArgumentNode, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';

/** Alias under which the gateway selects the event cursor for itself; removed before delivery. */
export const CURSOR_ALIAS = '__crmCursor';

/**
 * Adds `__crmCursor: cursor` to the subscription's root field when its type has a `cursor`, so the
 * gateway can drop events it has already delivered when an upstream connection is replayed.
 */
export function injectCursor(document: DocumentNode, operation: OperationDefinitionNode, schema: GraphQLSchema): DocumentNode {
  const root = operation.selectionSet.selections[0];
  const subscriptionType = schema.getSubscriptionType();
  if (!root || root.kind !== Kind.FIELD || !root.selectionSet || !subscriptionType) return document;
  const fieldType = getNamedType(subscriptionType.getFields()[root.name.value]?.type);
  if (!isObjectType(fieldType) || !fieldType.getFields().cursor) return document;
  const cursorField: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: CURSOR_ALIAS }, name: { kind: Kind.NAME, value: 'cursor' } };
  const newRoot: FieldNode = { ...root, selectionSet: { ...root.selectionSet, selections: [...root.selectionSet.selections, cursorField] } };
  const newOperation: OperationDefinitionNode = { ...operation, selectionSet: { ...operation.selectionSet, selections: [newRoot] } };
  return { ...document, definitions: document.definitions.map((d) => (d === operation ? newOperation : d)) };
}

/** Variable the gateway adds for `after` when the client gave none, so it can resume its upstream. */
export const RESUME_VARIABLE = '__crmAfter';

export interface ResumableDocument {
  document: DocumentNode;
  /** The variable holding the upstream's `after` (the client's own, or RESUME_VARIABLE); null when `after` is a literal. */
  resumeVariable: string | null;
}

/**
 * Makes the root field's `after` a variable the gateway can move forward: when the upstream
 * reconnects (a subgraph restarted), graphql-ws re-sends the same subscribe payload, so setting that
 * variable to the last delivered cursor resumes exactly after it instead of losing what happened
 * meanwhile (live-only) or replaying everything (a fixed `after`). Fields without `after` are left alone.
 */
export function injectResumeArgument(document: DocumentNode, operation: OperationDefinitionNode, schema: GraphQLSchema): ResumableDocument {
  const root = operation.selectionSet.selections[0];
  const field = root?.kind === Kind.FIELD ? schema.getSubscriptionType()?.getFields()[root.name.value] : undefined;
  if (!root || root.kind !== Kind.FIELD || !field?.args.some((arg) => arg.name === 'after')) return { document, resumeVariable: null };
  const given = root.arguments?.find((arg) => arg.name.value === 'after');
  if (given) return { document, resumeVariable: given.value.kind === Kind.VARIABLE ? given.value.name.value : null };
  const variable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: RESUME_VARIABLE } } as const;
  const argument: ArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: variable };
  const definition: VariableDefinitionNode = { kind: Kind.VARIABLE_DEFINITION, variable, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } };
  const newRoot: FieldNode = { ...root, arguments: [...(root.arguments ?? []), argument] };
  const newOperation: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: [...(operation.variableDefinitions ?? []), definition],
    selectionSet: { ...operation.selectionSet, selections: [newRoot] },
  };
  return { document: { ...document, definitions: document.definitions.map((d) => (d === operation ? newOperation : d)) }, resumeVariable: RESUME_VARIABLE };
}

/** Reads the injected cursor of one event's result data. */
export function peekCursor(data: Record<string, any> | null | undefined): string | undefined {
  const root = data ? Object.values(data)[0] : undefined;
  return root && typeof root === 'object' && CURSOR_ALIAS in root ? root[CURSOR_ALIAS] : undefined;
}

/** Reads and removes the injected cursor, so clients get exactly the fields they selected. */
export function takeCursor(data: Record<string, any> | null | undefined): string | undefined {
  const cursor = peekCursor(data);
  if (cursor !== undefined) delete (Object.values(data!)[0] as Record<string, unknown>)[CURSOR_ALIAS];
  return cursor;
}
