import { BadUserInputError, inputProblems, type Principal } from '@crm/kernel';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
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

/** Variable sets remembered as acceptable per document; the oldest go first. */
const ACCEPTED_PER_DOCUMENT = 1_000;

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

  /**
   * Operations already found acceptable, per schema and document (Apollo hands the same parsed
   * document to every request with the same text): the checks walk every field and argument, a
   * third of a millisecond for the README's KeyAccounts page, while a client asks the same thing with
   * the same variables over and over. Only acceptances are kept; a refusal is worked out afresh.
   */
  private readonly accepted = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Set<string>>>();

  /**
   * The refusal of a parsed, valid operation, or undefined when it may run: no operation to run,
   * introspection by a role that may not, an argument no resolver may receive (a malformed date,
   * a NUL character), or a cost over the maximum.
   */
  check(operation: ResolvedOperation): GraphQLError | undefined {
    // Everything the verdict depends on besides schema and document; the role only for introspection.
    const key = JSON.stringify([operation.operationName ?? null, operation.principal?.role ?? null, operation.variables ?? null]);
    let documents = this.accepted.get(operation.schema);
    if (!documents) this.accepted.set(operation.schema, (documents = new WeakMap()));
    let keys = documents.get(operation.document);
    if (keys?.has(key)) return undefined;
    const refusal = this.refusal(operation);
    if (refusal) return refusal;
    if (!keys) documents.set(operation.document, (keys = new Set()));
    if (keys.size >= ACCEPTED_PER_DOCUMENT) keys.delete(keys.values().next().value!);
    keys.add(key);
    return undefined;
  }

  private refusal(operation: ResolvedOperation): GraphQLError | undefined {
    const unresolved = operationResolutionError(operation.document, operation.operationName);
    if (unresolved) return unresolved;
    const refused = introspectionRefusal(operation.document, operation.principal, this.settings.production);
    if (refused) return refused;
    const problems = inputProblems(operation.schema, operation.document, operation.variables);
    if (problems.length > 0) {
      const error = BadUserInputError.of(problems);
      error.extensions.http = { status: 400 };
      return error;
    }
    const cost = operationCost(operation);
    if (cost === undefined || cost <= this.settings.maxCost) return undefined;
    if (Number.isFinite(cost)) return limitError('Query cost', cost, this.settings.maxCost);
    const error = limitError('Query cost', MAX_COST_NODES, this.settings.maxCost);
    error.message = `Query cost exceeds the maximum of ${this.settings.maxCost}: over ${MAX_COST_NODES} fields once fragments are expanded`;
    return error;
  }
}

/**
 * Which operation of the document to run is the request's mistake when it cannot be told: an
 * `operationName` naming none of them, or several operations and no name. HTTP 400, as the
 * GraphQL-over-HTTP spec asks, before anything is planned.
 */
function operationResolutionError(document: DocumentNode, operationName: string | null | undefined): GraphQLError | undefined {
  if (getOperationAST(document, operationName)) return undefined;
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  const message = operationName
    ? `Unknown operation named "${operationName}": the document holds ${names.join(', ')}`
    : `The document holds ${names.length} operations (${names.join(', ')}): name the one to run in \`operationName\``;
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}
