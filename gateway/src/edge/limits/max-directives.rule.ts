import type { ValidationRule } from 'graphql';
import { limitError } from './limit-error';
import { selectionMeasure } from './selection-measure';

/** Refuses operations carrying more than `maximum` directives, on the operation, fields and fragments alike. */
export function maxDirectivesRule(maximum: number): ValidationRule {
  return (context) => {
    const directives = selectionMeasure(context.getDocument(), {
      combine: 'sum',
      field: (node, inner) => (node.directives?.length ?? 0) + inner(),
      own: (node) => node.directives?.length ?? 0,
    });
    return {
      OperationDefinition(operation) {
        const found = (operation.directives?.length ?? 0) + directives(operation.selectionSet);
        if (found > maximum) context.reportError(limitError('Directive count', found, maximum, operation));
      },
    };
  };
}
