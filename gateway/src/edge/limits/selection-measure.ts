import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';

export interface MeasureSpec {
  /** A field's value, given a lazy measure of its own selection set (0 for leaves). */
  field(node: FieldNode, inner: () => number): number;
  /** How siblings combine: `sum` for counts, `max` for depth. */
  combine: 'sum' | 'max';
  /** Added to every inline fragment, fragment spread and fragment definition (e.g. its directives). */
  own?(node: Exclude<SelectionNode, FieldNode> | FragmentDefinitionNode): number;
}

/**
 * Measures selection sets of one document, expanding fragment spreads where they are used. Each
 * fragment is measured once (a document that spreads a fragment 2ⁿ times through n nested fragments
 * costs n steps, not 2ⁿ), and a fragment cycle counts as empty: `NoFragmentCyclesRule` reports it.
 */
export function selectionMeasure(document: DocumentNode, spec: MeasureSpec): (set: SelectionSetNode) => number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const done = new Map<string, number>();
  const active = new Set<string>();
  const combine = (values: number[]) =>
    spec.combine === 'sum' ? values.reduce((a, b) => a + b, 0) : values.reduce((a, b) => Math.max(a, b), 0);

  const fragment = (name: string): number => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const definition = fragments.get(name);
    if (!definition || active.has(name)) return 0; // unknown or cyclic: other rules report it
    active.add(name);
    const value = (spec.own?.(definition) ?? 0) + measure(definition.selectionSet);
    active.delete(name);
    done.set(name, value);
    return value;
  };

  const selection = (node: SelectionNode): number => {
    switch (node.kind) {
      case Kind.FIELD:
        return spec.field(node, () => (node.selectionSet ? measure(node.selectionSet) : 0));
      case Kind.INLINE_FRAGMENT:
        return (spec.own?.(node) ?? 0) + measure(node.selectionSet);
      case Kind.FRAGMENT_SPREAD:
        return (spec.own?.(node) ?? 0) + fragment(node.name.value);
    }
  };

  const measure = (set: SelectionSetNode): number => combine(set.selections.map(selection));
  return measure;
}
