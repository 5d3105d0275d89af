import type { ValidationRule } from 'graphql';
import { limitError } from './limit-error';
import { selectionMeasure } from './selection-measure';

/**
 * Refuses operations nested deeper than `maximum` fields, fragments expanded. Introspection fields
 * (`__schema`, `__type`, `__typename`) do not count: the playground's introspection query is deep by
 * nature, and who may introspect is decided by the introspection gate.
 */
export function maxDepthRule(maximum: number): ValidationRule {
  return (context) => {
    const depth = selectionMeasure(context.getDocument(), {
      combine: 'max',
      field: (node, inner) => (node.name.value.startsWith('__') ? 0 : 1 + inner()),
    });
    return {
      OperationDefinition(operation) {
        const found = depth(operation.selectionSet);
        if (found > maximum) context.reportError(limitError('Query depth', found, maximum, operation));
      },
    };
  };
}
