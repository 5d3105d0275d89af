import type { ValidationRule } from 'graphql';
import { limitError } from './limit-error';
import { selectionMeasure } from './selection-measure';

/**
 * Refuses operations selecting more than `maximum` fields at the root (fragments at the root
 * included): each root field is a separate entry point, usually a separate subgraph fetch.
 */
export function maxRootFieldsRule(maximum: number): ValidationRule {
  return (context) => {
    const rootFields = selectionMeasure(context.getDocument(), { combine: 'sum', field: () => 1 });
    return {
      OperationDefinition(operation) {
        const found = rootFields(operation.selectionSet);
        if (found > maximum) context.reportError(limitError('Root field count', found, maximum, operation));
      },
    };
  };
}
