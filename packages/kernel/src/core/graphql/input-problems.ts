import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { FieldProblem } from '../errors/bad-user-input.error';
import { CUSTOM_SCALARS } from './custom-scalars';

/** How much of a refused value an error message repeats. */
const SHOWN_CHARACTERS = 40;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text);
}

/**
 * What GraphQL's own validation and variable coercion let through but no resolver may receive:
 * custom scalars (date-times, days) that do not parse with their real implementation, and strings
 * holding the NUL character, which PostgreSQL cannot store or compare. Found in every argument of
 * every field and directive, literal or variable, at any depth of input objects and lists; each
 * problem names its argument path (`input.occurredAt`, `filter.stages[2].name`).
 *
 * Expects a document that already passed validation and variables that already passed
 * coercion: wrong shapes are theirs to report.
 */
export function inputProblems(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const report = (field: string, message: string) => {
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) return; // a variable used in two places is reported once
    seen.add(key);
    problems.push({ field, message });
  };
  const check = (value: unknown, type: GraphQLInputType, path: string): void => {
    if (value === null || value === undefined) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (Array.isArray(value)) value.forEach((item, i) => check(item, inner.ofType, `${path}[${i}]`));
      else check(value, inner.ofType, path);
      return;
    }
    if (isInputObjectType(inner)) {
      if (typeof value !== 'object') return;
      for (const [name, field] of Object.entries(inner.getFields())) {
        if (name in (value as object)) check((value as Record<string, unknown>)[name], field.type, `${path}.${name}`);
      }
      return;
    }
    if (isEnumType(inner) || !isScalarType(inner)) return;
    if (typeof value === 'string' && value.includes('\u0000')) {
      report(path, 'must not contain the NUL character (\\u0000)');
      return;
    }
    const custom = CUSTOM_SCALARS.get(inner.name);
    if (!custom) return;
    try {
      custom.scalar.parseValue(value);
    } catch {
      report(path, `must be a ${inner.name} such as ${custom.example}, got ${shown(value)}`);
    }
  };

  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return false;
        check(valueFromASTUntyped(node.value, variables ?? undefined), argument.type, node.name.value);
        return false; // the value was walked above
      },
      // Variable definitions' default values are literals of the variable's type.
      VariableDefinition(node) {
        if (node.defaultValue && node.defaultValue.kind !== Kind.NULL && !(variables && node.variable.name.value in variables)) {
          const type = typeInfo.getInputType();
          if (type) check(valueFromASTUntyped(node.defaultValue), type, `$${node.variable.name.value}`);
        }
        return false;
      },
    }),
  );
  return problems;
}

