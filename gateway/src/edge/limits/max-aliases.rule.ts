import type { ValidationRule } from 'graphql';
import { limitError } from './limit-error';
import { selectionMeasure } from './selection-measure';

/** Refuses operations with more than `maximum` aliased fields, counting a fragment each time it is spread. */
export function maxAliasesRule(maximum: number): ValidationRule {
  return (context) => {
    const aliases = selectionMeasure(context.getDocument(), {
      combine: 'sum',
      field: (node, inner) => (node.alias ? 1 : 0) + inner(),
    });
    return {
      OperationDefinition(operation) {
        const found = aliases(operation.selectionSet);
        if (found > maximum) context.reportError(limitError('Alias count', found, maximum, operation));
      },
    };
  };
}
