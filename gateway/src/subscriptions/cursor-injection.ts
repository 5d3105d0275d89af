import { getNamedType, isObjectType, Kind, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

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
