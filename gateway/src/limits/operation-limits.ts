import type { Principal } from '@crm/kernel';
import type { DocumentNode, GraphQLError, GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import { introspectionRefusal } from './introspection-gate';
import { limitError } from './limit-error';
import { maxAliasesRule } from './max-aliases.rule';
import { maxDepthRule } from './max-depth.rule';
import { maxDirectivesRule } from './max-directives.rule';
import { maxRootFieldsRule } from './max-root-fields.rule';
import { MAX_COST_NODES, operationCost } from './operation-cost';

/** What one operation may cost at the gateway; the same for HTTP and WebSocket. */
export interface OperationLimitSettings {
  /** Deepest field nesting, fragments expanded, introspection fields not counted. */
  maxDepth: number;
  /** Aliased fields per operation. */
  maxAliases: number;
  /** Fields at the root of an operation. */
  maxRootFields: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** Lexical tokens per document, enforced while parsing. */
  maxTokens: number;
  /** Cost per operation: 1 per field, a paginated subtree times its `first`. */
  maxCost: number;
  /** Production: introspection only for ADMIN and ANALYST; otherwise open to every caller. */
  production: boolean;
}

export interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  principal?: Principal;
}

/**
 * The gateway's operation limits, as the pieces each transport plugs in: parse options and
 * validation rules (static, cached by Apollo per document) and `check` for what needs the
 * variables or the caller (cost, introspection). A refused operation never reaches a subgraph.
 */
export class OperationLimits {
  readonly parseOptions: ParseOptions;
  readonly validationRules: readonly ValidationRule[];

  constructor(readonly settings: OperationLimitSettings) {
    this.parseOptions = { maxTokens: settings.maxTokens };
    this.validationRules = [
      maxDepthRule(settings.maxDepth),
      maxAliasesRule(settings.maxAliases),
      maxRootFieldsRule(settings.maxRootFields),
      maxDirectivesRule(settings.maxDirectives),
    ];
  }

  /** The refusal of a parsed, valid operation, or undefined when it may run. */
  check(operation: ResolvedOperation): GraphQLError | undefined {
    const refused = introspectionRefusal(operation.document, operation.principal, this.settings.production);
    if (refused) return refused;
    const cost = operationCost(operation);
    if (cost === undefined || cost <= this.settings.maxCost) return undefined;
    if (Number.isFinite(cost)) return limitError('Query cost', cost, this.settings.maxCost);
    const error = limitError('Query cost', MAX_COST_NODES, this.settings.maxCost);
    error.message = `Query cost exceeds the maximum of ${this.settings.maxCost}: over ${MAX_COST_NODES} fields once fragments are expanded`;
    return error;
  }
}
